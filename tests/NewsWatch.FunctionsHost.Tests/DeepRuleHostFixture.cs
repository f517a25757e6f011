using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>The host of <see cref="DeepRuleHostTests"/>: the config file with the default rules.</summary>
public sealed class DeepRuleHostFixture : FunctionsHostFixture
{
    protected override async Task OnInitializedAsync()
    {
        await WriteConfigFileAsync(ConfigJson());
        PublishStandardStories();
        await StartHostAsync();
    }
}
