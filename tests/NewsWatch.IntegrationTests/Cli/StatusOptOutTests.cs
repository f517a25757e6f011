using System.Text.Json;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary><c>newswatch status</c> lists the addresses that unsubscribed, in the table and in <c>--json</c>.</summary>
public sealed class StatusOptOutTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("nw-status-").FullName;
    private static string SampleConfig => Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

    [Fact]
    public async Task Status_AfterAnUnsubscribe_ListsTheAddress_InTheTableAndTheJson()
    {
        await new OptOutStore(new FolderStateStore(_out), TimeProvider.System).OptOutAsync("Newsroom@Example.org", CancellationToken.None);
        var env = new Dictionary<string, string>();

        var table = await CliRunner.RunAsync(RepoPaths.Root, env, "status", "--config", SampleConfig, "--out", _out);
        var json = await CliRunner.RunAsync(RepoPaths.Root, env, "status", "--config", SampleConfig, "--out", _out, "--json");

        Assert.True(table.ExitCode == 0, table.StdErr);
        Assert.Contains("OPTED OUT (1)", table.StdOut, StringComparison.Ordinal);
        Assert.Contains("  newsroom@example.org", table.StdOut, StringComparison.Ordinal);
        var last = JsonDocument.Parse(json.StdOut.Trim().Split('\n')[^1]).RootElement;
        var entry = Assert.Single(last.GetProperty("optedOut").EnumerateArray());
        Assert.Equal("newsroom@example.org", entry.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.String, entry.GetProperty("at").ValueKind);
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
