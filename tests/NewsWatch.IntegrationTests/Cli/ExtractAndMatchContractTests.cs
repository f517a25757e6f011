using System.Text.Json;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary>
/// The contracts the scorers and users' tools read: stdout holds only JSON lines, one per input in input order, with
/// fixed fields; a failing input is {input, error} and the exit code is 1; logs go to stderr.
/// </summary>
public sealed class ExtractAndMatchContractTests
{
    private static string Page(string name) => Path.Combine(RepoPaths.Root, "samples", "site", "world", name);

    [Fact]
    public async Task Extract_PrintsOneJsonLinePerInput_InOrder_WithTheContractFields()
    {
        var inputs = new[] { Page("nato-ministers-weigh-next-steps.html"), Page("grain-corridor-reopens.html") };

        var result = await CliRunner.RunAsync(RepoPaths.Root, ["extract", .. inputs]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(2, result.Lines.Count);
        for (var i = 0; i < inputs.Length; i++)
        {
            using var doc = JsonDocument.Parse(result.Lines[i]);
            var root = doc.RootElement;
            Assert.Equal(["input", "url", "title", "publishedAt", "language", "pageType", "text"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("article", root.GetProperty("pageType").GetString());
            Assert.Equal(inputs[i], root.GetProperty("input").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("publishedAt").ValueKind);
            Assert.Equal("en", root.GetProperty("language").GetString());
        }

        using var nato = JsonDocument.Parse(result.Lines[0]);
        Assert.Equal("NATO ministers weigh their next steps for Ukraine", nato.RootElement.GetProperty("title").GetString());
        var text = nato.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("the so-called boots on the ground, which several delegations", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Most read", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Photo: Harbour Gazette", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NATO ministers weigh their next steps", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_MissingInput_GivesAnErrorLine_GoesOn_AndExitsOne()
    {
        var missing = Path.Combine(RepoPaths.Root, "samples", "no-such-page.html");

        var result = await CliRunner.RunAsync(RepoPaths.Root, "extract", missing, Page("grain-corridor-reopens.html"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, result.Lines.Count);
        using var error = JsonDocument.Parse(result.Lines[0]);
        Assert.Equal(["input", "error"], error.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains("no-such-page.html", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var ok = JsonDocument.Parse(result.Lines[1]);
        Assert.Equal(Page("grain-corridor-reopens.html"), ok.RootElement.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Match_ListsOnlyMatchedRules_WithSnippetsAndUtf16Offsets()
    {
        var config = Path.Combine(RepoPaths.Root, "samples", "newswatch.json");
        var inputs = new[] { Page("nato-ministers-weigh-next-steps.html"), Page("baltic-states-raise-defence-spending.html") };

        var result = await CliRunner.RunAsync(RepoPaths.Root, ["match", "--rules", config, .. inputs]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(2, result.Lines.Count);
        using var nato = JsonDocument.Parse(result.Lines[0]);
        Assert.Equal(["input", "url", "title", "pageType", "matches"], nato.RootElement.EnumerateObject().Select(p => p.Name));
        var matches = nato.RootElement.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal(["boots-on-the-ground", "ceasefire"], matches.Select(m => m.GetProperty("ruleId").GetString()));
        foreach (var match in matches)
        {
            Assert.True(match.GetProperty("count").GetInt32() >= 1);
            foreach (var snippet in match.GetProperty("snippets").EnumerateArray())
            {
                var text = snippet.GetProperty("text").GetString()!;
                foreach (var h in snippet.GetProperty("highlights").EnumerateArray())
                {
                    var hit = text.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32());
                    Assert.Contains(hit.ToLowerInvariant(), new[] { "boots on the ground", "ceasefire", "cease-fire" });
                }
            }
        }

        // The phrase is only in the sidebar, related links, menu and footer of this page: no match.
        using var baltic = JsonDocument.Parse(result.Lines[1]);
        Assert.Empty(baltic.RootElement.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task Match_ListingPage_IsOtherWithNoMatches()
    {
        // The sample's listing quotes a teaser with "cease-fire": a listing is no article, so nothing matches.
        var config = Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

        var result = await CliRunner.RunAsync(RepoPaths.Root, "match", "--rules", config, Path.Combine(RepoPaths.Root, "samples", "site", "index.html"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var line = JsonDocument.Parse(Assert.Single(result.Lines));
        Assert.Equal("other", line.RootElement.GetProperty("pageType").GetString());
        Assert.Empty(line.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Contains("match: 1 of 1 pages were not matched: the page classifier calls them \"other\"", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--page-types any", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_PageTypesAny_MatchesAListingToo_WithoutTheHint()
    {
        var config = Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

        var result = await CliRunner.RunAsync(RepoPaths.Root, "match", "--page-types", "any", "--rules", config, Path.Combine(RepoPaths.Root, "samples", "site", "index.html"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var line = JsonDocument.Parse(Assert.Single(result.Lines));
        Assert.Equal("other", line.RootElement.GetProperty("pageType").GetString());
        var match = Assert.Single(line.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("ceasefire", match.GetProperty("ruleId").GetString());
        Assert.Contains(match.GetProperty("snippets").EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("cease-fire", StringComparison.Ordinal));
        Assert.DoesNotContain("were not matched", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match --page-types all --query ceasefire PAGE", "Argument 'all' not recognized", "'newswatch match --help'")]
    [InlineData("watch --config CONFIG --every soon", "Cannot parse argument 'soon' for option '--every'", "'newswatch watch --help'")]
    [InlineData("watch --config CONFIG --every 0", "--every must be at least 1 second.", "'newswatch watch --help'")]
    [InlineData("watch --config CONFIG --cycles 0", "--cycles must be at least 1.", "'newswatch watch --help'")]
    [InlineData("match --rules FOLDER PAGE", "is a folder, not a file: give the path of the rules file itself", null)]
    [InlineData("scan --config FOLDER", "is a folder, not a file: give the path of the config file itself", null)]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'", "'newswatch --help'")]
    public async Task BadArguments_ExitTwo_WithTheProblem_AndNoStackTrace(string command, string problem, string? help)
    {
        var folder = Directory.CreateTempSubdirectory("nw-args-").FullName;
        try
        {
            var args = command.Split(' ').Select(a => a switch
            {
                "PAGE" => Page("grain-corridor-reopens.html"),
                "CONFIG" => Path.Combine(RepoPaths.Root, "samples", "newswatch.json"),
                "FOLDER" => folder,
                _ => a,
            }).ToArray();

            var result = await CliRunner.RunAsync(RepoPaths.Root, args);

            Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
            Assert.Contains(problem, result.StdErr, StringComparison.Ordinal);
            if (help is not null)
            {
                Assert.Contains($"{help} lists the arguments and options.", result.StdErr, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Unhandled", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
            Assert.Empty(result.StdOut);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Extract_Explain_AddsPageTypeReasons()
    {
        var result = await CliRunner.RunAsync(RepoPaths.Root, "extract", "--explain", Path.Combine(RepoPaths.Root, "samples", "site", "index.html"), Page("grain-corridor-reopens.html"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(2, result.Lines.Count);
        using var index = JsonDocument.Parse(result.Lines[0]);
        Assert.Equal(["input", "url", "title", "publishedAt", "language", "pageType", "pageTypeReasons", "text"], index.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("other", index.RootElement.GetProperty("pageType").GetString());
        Assert.Contains(index.RootElement.GetProperty("pageTypeReasons").EnumerateArray(), r => r.GetString()!.Contains("teasers", StringComparison.Ordinal));
        using var article = JsonDocument.Parse(result.Lines[1]);
        Assert.Equal("article", article.RootElement.GetProperty("pageType").GetString());
    }

    [Fact]
    public async Task MatchQuery_ListsWhyItMatched_HitsAreOffsetsIntoTheFieldsAsExtractPrintsThem()
    {
        var page = Page("nato-ministers-weigh-next-steps.html");

        var match = await CliRunner.RunAsync(RepoPaths.Root, "match", "--query", "title:NATO OR (\"boots on the ground\" NEAR/20 troop*)", page);
        var extract = await CliRunner.RunAsync(RepoPaths.Root, "extract", page);

        Assert.True(match.ExitCode == 0, match.StdErr);
        Assert.True(extract.ExitCode == 0, extract.StdErr);
        using var line = JsonDocument.Parse(Assert.Single(match.Lines));
        using var extracted = JsonDocument.Parse(Assert.Single(extract.Lines));
        var fields = new Dictionary<string, string>
        {
            ["title"] = extracted.RootElement.GetProperty("title").GetString()!,
            ["body"] = extracted.RootElement.GetProperty("text").GetString()!,
        };
        var result = Assert.Single(line.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("query", result.GetProperty("ruleId").GetString());
        var hits = result.GetProperty("hits").EnumerateArray()
            .Select(h => (Term: h.GetProperty("term").GetString()!, Field: h.GetProperty("field").GetString()!,
                Text: fields[h.GetProperty("field").GetString()!].Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())))
            .ToList();
        Assert.Contains(("NATO", "title", "NATO"), hits);
        Assert.Contains(("boots on the ground", "body", "boots on the ground"), hits);
        Assert.Contains(("troop*", "body", "troops"), hits);
        Assert.DoesNotContain(hits, h => h.Field == "body" && h.Term == "NATO"); // title: only
        Assert.All(hits, h => Assert.StartsWith(h.Term.TrimEnd('*'), h.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MatchQuery_WithLanguage_UsesThatLanguagesVariants()
    {
        var dir = Directory.CreateTempSubdirectory("nw-lang-").FullName;
        var page = Path.Combine(dir, "de.html");
        var prose = string.Concat(Enumerable.Repeat("Die Regierung in Berlin hat am Montag neue Regeln für den Verkehr beschlossen, sagte ein Sprecher. ", 3));
        await File.WriteAllTextAsync(page, $"<html lang=\"de\"><head><title>Sperrung</title></head><body><article><h1>Streit um die Sperrung der Hauptstrasse</h1><p>{prose}</p><p>Der Vorsitzende der Gruenen in Muenchen kritisierte die Sperrung der Hauptstrasse, teilte die Partei mit. {prose}</p></article></body></html>");

        var german = await CliRunner.RunAsync(RepoPaths.Root, "match", "--page-types", "any", "--query", "Grünen", "--language", "de", page);
        var folded = await CliRunner.RunAsync(RepoPaths.Root, "match", "--page-types", "any", "--query", "Grünen", page);
        var badTag = await CliRunner.RunAsync(RepoPaths.Root, "match", "--query", "Grünen", "--language", "de_DE", page);

        Assert.True(german.ExitCode == 0, german.StdErr);
        using var line = JsonDocument.Parse(Assert.Single(german.Lines));
        var result = Assert.Single(line.RootElement.GetProperty("matches").EnumerateArray());
        var hit = Assert.Single(result.GetProperty("hits").EnumerateArray());
        Assert.Equal("body", hit.GetProperty("field").GetString());
        using var plain = JsonDocument.Parse(Assert.Single(folded.Lines));
        Assert.Empty(plain.RootElement.GetProperty("matches").EnumerateArray()); // without German rules, ü is not ue
        Assert.Equal(2, badTag.ExitCode);
        Assert.Contains("de_DE", badTag.StdErr, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task MatchQuery_SyntaxError_GivesTheColumn_AndExitsTwo()
    {
        var result = await CliRunner.RunAsync(RepoPaths.Root, "match", "--query", "ceasefire -troops", Page("grain-corridor-reopens.html"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("syntax error at column 11: '-troops': a leading '-' does not exclude a word here", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Match_RuleSyntaxError_NamesTheRuleAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("nw-rules-").FullName;
        var rules = Path.Combine(dir, "rules.json");
        await File.WriteAllTextAsync(rules, """{"rules":[{"id":"broken","query":"ceasefire AND (truce"}]}""");

        var result = await CliRunner.RunAsync(RepoPaths.Root, "match", "--rules", rules, Page("grain-corridor-reopens.html"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Rule 'broken'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("column", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
        Directory.Delete(dir, recursive: true);
    }
}
