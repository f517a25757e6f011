using System.Text.Json;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>The rule parts of the config reader: new fields, and hostile or hopeless rules refused at load.</summary>
public sealed class RuleConfigTests
{
    [Fact]
    public void ReadRules_DeepNesting_RefusedWithPathAndColumn()
    {
        var deep = new string('(', 10_000) + "a" + new string(')', 10_000);
        var json = Rules(("a", "x"), ("b", "y"), ("c", "z"), ("deep", deep));

        var ex = Assert.Throws<ConfigException>(() => Read(json));

        Assert.Contains("rules[3].query: Rule 'deep': nesting deeper than 100 levels at column 101", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRules_HugeFlatOr_Accepted()
    {
        var flat = string.Join(" OR ", Enumerable.Range(0, 200_000).Select(i => "w" + i));

        var rules = Read(Rules(("flat", flat)));

        Assert.Single(rules);
    }

    [Fact]
    public void ReadRules_LanguageAndCompounds_AreRead()
    {
        const string json = """[{"id":"a","query":"Müller","language":"de-CH","compounds":false},{"id":"b","query":"ceasefire"}]""";

        var rules = Read(json);

        Assert.Equal(new RuleDefinition("a", "Müller", "de-CH", false), rules[0]);
        Assert.Equal(new RuleDefinition("b", "ceasefire", null, true), rules[1]);
    }

    [Theory]
    [InlineData("""[{"id":"a","query":"x","language":"de_DE!"}]""", "rules[0].language: 'de_DE!' is not a BCP 47 language tag")]
    [InlineData("""[{"id":"a","query":"x","compounds":"no"}]""", "rules[0].compounds: must be true or false")]
    [InlineData("""[{"id":"a","query":"ceasefire NOT ceasefire"}]""", "rules[0].query: Rule 'a': syntax error at column 15: 'ceasefire' is required and excluded by NOT at once, so the rule can never match")]
    [InlineData("""[{"id":"a","query":"a NEAR b"}]""", "rules[0].query: Rule 'a': syntax error at column 3: write NEAR/n")]
    [InlineData("""[{"id":"a","query":"x","langauge":"de"}]""", "rules[0].langauge: unknown field")]
    public void ReadRules_BadRule_RefusedWithPath(string json, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Read(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<RuleDefinition> Read(string rulesJson)
    {
        using var doc = JsonDocument.Parse(rulesJson);
        return NewsWatchConfigReader.ReadRules(doc.RootElement, "rules.json");
    }

    private static string Rules(params (string Id, string Query)[] rules) =>
        JsonSerializer.Serialize(rules.Select(r => new { id = r.Id, query = r.Query }));
}
