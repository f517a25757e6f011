using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// One host for <see cref="PipelineHostTests"/>: the config file with the default rules, the three standard stories
/// published before the host starts. <see cref="FirstCycleAsync"/> is the first cycle's outcome, whichever test asks first.
/// </summary>
public sealed class PipelineHostFixture : FunctionsHostFixture
{
    /// <summary>Alerts of the standard stories under the default rules.</summary>
    public const int ExpectedAlerts = 3;

    /// <summary>Emails of those alerts: 3 to <see cref="FunctionsHostFixture.Everything"/>, 2 to <see cref="FunctionsHostFixture.CeasefireOnly"/>.</summary>
    public const int ExpectedEmails = 5;

    private readonly Lazy<Task> _firstCycle;

    public PipelineHostFixture()
    {
        _firstCycle = new Lazy<Task>(() => Task.WhenAll(WaitForAlertsAsync(ExpectedAlerts), WaitForEmailsAsync(ExpectedEmails)));
    }

    /// <summary>Completes once the first cycle's alerts and emails have all arrived.</summary>
    public Task FirstCycleAsync() => _firstCycle.Value;

    protected override async Task OnInitializedAsync()
    {
        await WriteConfigFileAsync(ConfigJson());
        PublishStandardStories();
        await StartHostAsync();
    }
}
