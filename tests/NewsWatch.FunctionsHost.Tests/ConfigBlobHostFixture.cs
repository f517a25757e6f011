using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>One host for <see cref="ConfigBlobHostTests"/>: no NEWSWATCH_CONFIG, the config in blob config/newswatch.json.</summary>
public sealed class ConfigBlobHostFixture : FunctionsHostFixture
{
    protected override async Task OnInitializedAsync()
    {
        await UploadConfigBlobAsync(ConfigJson());
        PublishStandardStories();
        await StartHostAsync(new Dictionary<string, string?> { ["NEWSWATCH_CONFIG"] = null });
    }
}
