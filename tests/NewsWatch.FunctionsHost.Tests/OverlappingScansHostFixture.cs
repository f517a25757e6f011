using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The host of <see cref="OverlappingScansHostTests"/>: the app's own queue batch (8 messages at a time), a timer that
/// never fires during the test, and slow story pages, so that scan requests queued together overlap.
/// </summary>
public sealed class OverlappingScansHostFixture : FunctionsHostFixture
{
    public OverlappingScansHostFixture()
    {
        OneMessageAtATime = false;
    }

    protected override async Task OnInitializedAsync()
    {
        await WriteConfigFileAsync(ConfigJson());
        PublishStandardStories(delay: TimeSpan.FromSeconds(1));

        // At midnight on January 1st only: the test queues its own scan requests.
        await StartHostAsync(new Dictionary<string, string?> { ["NEWSWATCH_SCHEDULE"] = "0 0 0 1 1 *" });
    }
}
