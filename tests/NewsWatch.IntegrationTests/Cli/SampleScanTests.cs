using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary>The README's first command, on the offline sample: the right alerts, none for the sidebar teaser, nothing twice.</summary>
public sealed class SampleScanTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("nw-sample-").FullName;
    private static string SampleConfig => Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

    [Fact]
    public async Task Scan_Sample_RaisesTheRightAlerts_AndASecondRunAddsNothing()
    {
        var first = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("Alerts written: 3", first.StdOut, StringComparison.Ordinal);
        var alerts = ReadAlerts();
        Assert.Equal(
            [
                ("boots-on-the-ground", "nato-ministers-weigh-next-steps.html"),
                ("ceasefire", "kyiv-sets-terms-for-talks.html"),
                ("ceasefire", "nato-ministers-weigh-next-steps.html"),
            ],
            alerts.Select(a => (a.RuleId, Path.GetFileName(new Uri(a.ArticleUrl).LocalPath))).Order().ToList());
        Assert.All(alerts, a => Assert.NotEmpty(a.Snippets));
        var boots = alerts.Single(a => a.RuleId == "boots-on-the-ground");
        var snippet = Assert.Single(boots.Snippets);
        var highlight = Assert.Single(snippet.Highlights);
        Assert.Equal("boots on the ground", snippet.Text.Substring(highlight.Start, highlight.Length));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_out, "queue"), "*.json").Length);

        var second = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("Articles fetched: 0", second.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 0", second.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, ReadAlerts().Count);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_out, "queue"), "*.json").Length);
    }

    [Fact]
    public async Task Scan_HealthAndValidatorRecordsDamaged_ScansAndHealsThem_StatusStillReads_AlertsNotRepeated()
    {
        var first = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var damaged = Directory.GetFiles(Path.Combine(_out, "state", "health"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(_out, "state", "validators"), "*.json")).ToList();
        Assert.NotEmpty(damaged);
        foreach (var file in damaged)
        {
            await File.WriteAllTextAsync(file, "{damaged");
        }

        var status = await CliRunner.RunAsync(RepoPaths.Root, "status", "--config", SampleConfig, "--out", _out);
        var second = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);

        Assert.True(status.ExitCode == 0, status.StdErr);
        Assert.Contains("harbour-gazette-world", status.StdOut, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("Sources scanned: 1 (0 failed)", second.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 0", second.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, ReadAlerts().Count);
        var health = Assert.Single(Directory.GetFiles(Path.Combine(_out, "state", "health"), "*.json"));
        using var healed = JsonDocument.Parse(await File.ReadAllTextAsync(health));
        Assert.Equal("harbour-gazette-world", healed.RootElement.GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task Scan_AlertLedgerRecordDamaged_SourceFailsNamingTheRecord_NothingRepeated()
    {
        var first = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var ledger = Directory.GetFiles(Path.Combine(_out, "state", "alerts"), "*.json").Order(StringComparer.Ordinal).First();
        await File.WriteAllTextAsync(ledger, "{damaged");
        foreach (var file in Directory.GetFiles(Path.Combine(_out, "state"), "*.json", SearchOption.AllDirectories).Where(f => f.Contains("articles-", StringComparison.Ordinal)))
        {
            File.Delete(file); // so that the pages are matched again and their alerts looked up in the ledger
        }

        var second = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains($"The state record '{Path.GetFileNameWithoutExtension(ledger)}' in partition 'alerts' is not a readable", second.StdOut + second.StdErr, StringComparison.Ordinal);
        Assert.Equal(3, ReadAlerts().Count);
    }

    [Fact]
    public async Task Scan_Json_GivesAMachineReadableSummary()
    {
        var result = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out, "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(1, doc.RootElement.GetProperty("sourcesScanned").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("sourcesFailed").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("articlesFetched").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("alertsWritten").GetInt32());
        var source = Assert.Single(doc.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal("harbour-gazette-world", source.GetProperty("sourceId").GetString());
        Assert.Equal("Ok", source.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Scan_PagesThatCannotAlert_AreCountedWithTheReason()
    {
        // A site whose listing links an article older than the backfill window and a tag page of teasers, both with
        // the phrase: neither alerts, and the summary says why, so that someone trying a source is not left guessing.
        var site = Directory.CreateDirectory(Path.Combine(_out, "site")).FullName;
        var prose = string.Concat(Enumerable.Repeat("Ministers met again on Thursday and said a ceasefire could hold if both sides kept their word. ", 4));
        await File.WriteAllTextAsync(Path.Combine(site, "old-story.html"),
            "<html><head><title>Talks in 2020</title><meta property=\"article:published_time\" content=\"2020-03-01T08:00:00Z\"></head><body><article><h1>Talks resume after a long winter of fighting</h1>"
            + $"<p>{prose}</p><p>{prose}</p><p>{prose}</p></article></body></html>");
        var teasers = string.Concat(Enumerable.Range(1, 20).Select(i => $"<li><h3><a href=\"story-{i}.html\">Ceasefire talks, day {i}: what the envoys said today</a></h3></li>"));
        await File.WriteAllTextAsync(Path.Combine(site, "tag-ceasefire.html"),
            $"<html><head><title>Ceasefire</title></head><body><h1>Ceasefire</h1><ul>{teasers}</ul></body></html>");
        await File.WriteAllTextAsync(Path.Combine(site, "index.html"),
            "<html><body><main><a href=\"old-story.html\">Old story</a> <a href=\"tag-ceasefire.html\">Ceasefire</a></main></body></html>");
        var config = Path.Combine(_out, "site.json");
        await File.WriteAllTextAsync(config, """{"sources":[{"id":"site","url":"site/index.html","kind":"page","linkPattern":"(old-story|tag-ceasefire)\\.html$"}],"rules":[{"id":"ceasefire","query":"ceasefire"}]}""");

        var text = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", config, "--out", Path.Combine(_out, "text"));
        var json = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", config, "--out", Path.Combine(_out, "json"), "--json");

        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains("Articles fetched: 2", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 0", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("site: 1 page(s) not articles", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 article(s) published before the backfill window", text.StdOut, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.StdErr);
        using var doc = JsonDocument.Parse(json.StdOut);
        var source = Assert.Single(doc.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal(1, source.GetProperty("notArticles").GetInt32());
        Assert.Equal(1, source.GetProperty("tooOld").GetInt32());
        Assert.Equal(0, source.GetProperty("alertsWritten").GetInt32());
    }

    [Fact]
    public async Task Backtest_AfterTheSampleScan_PrintsWhatTheRuleWouldHaveAlerted_AndSendsNothing()
    {
        var empty = await CliRunner.RunAsync(RepoPaths.Root, "backtest", "--rule", "ceasefire", "--config", SampleConfig, "--out", _out);
        var scan = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--out", _out);
        Assert.True(scan.ExitCode == 0, scan.StdErr);
        var queued = Directory.GetFiles(Path.Combine(_out, "queue"), "*.json").Length;

        var result = await CliRunner.RunAsync(RepoPaths.Root, "backtest", "--rule", "ceasefire", "--config", SampleConfig, "--out", _out);
        var unknown = await CliRunner.RunAsync(RepoPaths.Root, "backtest", "--rule", "truce", "--config", SampleConfig, "--out", _out);

        Assert.True(empty.ExitCode == 0, empty.StdErr);
        Assert.Empty(empty.StdOut);
        Assert.Contains("no article is kept in", empty.StdErr, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal(
            ["kyiv-sets-terms-for-talks.html", "nato-ministers-weigh-next-steps.html"],
            lines.Select(l => Path.GetFileName(new Uri(l.RootElement.GetProperty("url").GetString()!).LocalPath)).Order(StringComparer.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.Equal("ceasefire", l.RootElement.GetProperty("ruleId").GetString());
            Assert.Equal("harbour-gazette-world", l.RootElement.GetProperty("sourceId").GetString());
            Assert.NotEmpty(l.RootElement.GetProperty("hits").EnumerateArray());
        });
        Assert.Contains("backtest ceasefire: 2 article(s) would have alerted, of 4 inside their source's backfill window (4 kept", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(3, ReadAlerts().Count);
        Assert.Equal(queued, Directory.GetFiles(Path.Combine(_out, "queue"), "*.json").Length);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'truce' is not the id of any rule in the config", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BadConfig_ExitsNonZeroNamingTheField()
    {
        var config = Path.Combine(_out, "bad.json");
        await File.WriteAllTextAsync(config, """{"sources":[{"id":"a","url":"https://news.example.org/","kind":"page","linkpattern":"x"}],"rules":[]}""");

        var result = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", config, "--out", _out);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sources[0].linkpattern: unknown field 'linkpattern': did you mean 'linkPattern'?", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Scan_StorageUnreachable_ExitsNonZeroWithAClearError()
    {
        const string nowhere = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

        var result = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", SampleConfig, "--storage", nowhere);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("The storage could not be reached", result.StdErr, StringComparison.Ordinal);
    }

    private List<Alert> ReadAlerts() =>
        Directory.Exists(Path.Combine(_out, "alerts"))
            ? Directory.GetFiles(Path.Combine(_out, "alerts"), "*.json", SearchOption.AllDirectories)
                .Select(f => AlertJson.DeserializeAlert(File.ReadAllText(f))).ToList()
            : [];

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
