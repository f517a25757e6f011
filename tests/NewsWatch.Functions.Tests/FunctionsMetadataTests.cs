using System.Text.Json;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

/// <summary>What the Functions host indexes: the functions.metadata the worker SDK generates at build, and host.json beside it.</summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>The functions project's build output for this test run's configuration (Debug or Release).</summary>
    private static readonly string OutputDirectory = Path.Combine(
        RepoPaths.Root, "functions", "NewsWatch.Functions", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    [Fact]
    public void Metadata_HasEveryTrigger()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")));

        // Each function's trigger binding (an HTTP trigger also has its $return output binding).
        var functions = doc.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => Assert.Single(f.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
        Assert.Equal(["ScanSource", "ScheduleScan", "SendAlertEmail", "SendDigests", "Unsubscribe"], functions.Keys.Order(StringComparer.Ordinal));

        Assert.Equal("timerTrigger", functions["SendDigests"].GetProperty("type").GetString());
        Assert.Equal("%NEWSWATCH_DIGEST_SCHEDULE%", functions["SendDigests"].GetProperty("schedule").GetString());

        Assert.Equal("httpTrigger", functions["Unsubscribe"].GetProperty("type").GetString());
        Assert.Equal("unsubscribe", functions["Unsubscribe"].GetProperty("route").GetString());
        Assert.Equal("anonymous", functions["Unsubscribe"].GetProperty("authLevel").GetString(), ignoreCase: true);

        Assert.Equal("timerTrigger", functions["ScheduleScan"].GetProperty("type").GetString());
        Assert.Equal("%NEWSWATCH_SCHEDULE%", functions["ScheduleScan"].GetProperty("schedule").GetString());
        Assert.False(functions["ScheduleScan"].TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());

        Assert.Equal("queueTrigger", functions["ScanSource"].GetProperty("type").GetString());
        Assert.Equal("scan-requests", functions["ScanSource"].GetProperty("queueName").GetString());

        Assert.Equal("queueTrigger", functions["SendAlertEmail"].GetProperty("type").GetString());
        Assert.Equal("alerts", functions["SendAlertEmail"].GetProperty("queueName").GetString());

        // No Connection named: the triggers use AzureWebJobsStorage, the same account core writes to.
        Assert.All(functions.Values, b => Assert.False(b.TryGetProperty("connection", out _)));
    }

    [Fact]
    public void HostJson_ReadsBase64MessagesAndPoisonsAfterTheDequeueCountTheTriggerExpects()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "host.json")));

        Assert.Equal("2.0", doc.RootElement.GetProperty("version").GetString());
        var queues = doc.RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(SendAlertEmail.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.True(TimeSpan.Parse(doc.RootElement.GetProperty("functionTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero);
    }

    [Fact]
    public void LocalSettingsSample_HasAValueForEverySettingATriggerNames()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")));
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "NewsWatch.Functions", "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");

        var named = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .SelectMany(b => b.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .SelectMany(p => System.Text.RegularExpressions.Regex.Matches(p.Value.GetString()!, "%([^%]+)%").Select(m => m.Groups[1].Value))
            .ToList();

        Assert.Contains("NEWSWATCH_SCHEDULE", named);
        Assert.Contains("NEWSWATCH_DIGEST_SCHEDULE", named);
        Assert.All(named, name => Assert.False(string.IsNullOrWhiteSpace(values.GetProperty(name).GetString()), name));
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
    }
}
