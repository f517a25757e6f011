using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// With the pair filter, the body's scan writes each word's first four folded chars, and a deferred wildcard's
/// prefix is compared with those (<c>RuleSet.HeadsPass</c>): the same hits as the search in the text that a set
/// without the pair filter takes, and as the reference matcher, for prefixes shorter and longer than four chars,
/// words shorter than the prefix, words over sixteen chars (hashed one by one), the prefix inside a word, and the
/// last words of a text.
/// </summary>
public sealed class WordHeadsTests
{
    private static readonly string[] TextWords =
    [
        "tal", "talk", "talks", "talking", "tale", "ta", "t", "negotiationsprozessen", "renegotiated", "negotiat", "neg", "nego",
        "negotiated", "verhandlungsbereitschaft", "border", "borderlands", "bor", "ceasefire", "troops", "alpha", "київ", "київська", "the",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "-", "\n", ". ", ", ", "’"];

    [Fact]
    public void Match_DeferredPrefixesWithThePairFilter_SameResultsAsScanningEveryWildcard()
    {
        // Fillers (phrases of words no text has) make the set test adjacent pairs in the hash loop, the path that
        // writes the heads; each wildcard sits beside an operand that selects the rule (a word of its own), so it
        // is deferred.
        var rules = Enumerable.Range(0, RuleSet.PairThreshold + 20).Select(i => new RuleDefinition($"f{i}", $"\"alpha{i} omega{i}\"")).ToList();
        string[] wildcards = ["tal*", "talk*", "negot*", "negotiationsproz*", "bord*", "київ*", "verhandlungsbereitschaft*"];
        for (var w = 0; w < wildcards.Length; w++)
        {
            rules.Add(new RuleDefinition($"w{w}", $"({wildcards[w]} OR \"never seen\") AND selects{w}"));
        }

        // The same wildcard rules without the fillers: no pair filter, so no heads, and each deferred prefix is
        // searched for in the text (the fillers match no text, so both give the same results).
        var current = RuleSet.Compile(rules);
        var scanned = RuleSet.Compile(rules.Skip(RuleSet.PairThreshold + 20).ToList());
        Assert.True(current.UsesPairFilter);
        Assert.False(scanned.UsesPairFilter);
        Assert.Equal(wildcards.Length, current.DeferredPrefixCount);
        Assert.Equal(wildcards.Length, scanned.DeferredPrefixCount);

        var random = new Random(17);
        for (var n = 0; n < 300; n++)
        {
            // Texts of one to about fifty words, so that the last words fall at every place of a block of eight, with
            // up to four rules' selecting words (more would take one pass over the words instead).
            var selecting = string.Join(' ', Enumerable.Range(0, 1 + (n % RuleSet.MaxDeferredSearches)).Select(_ => $"selects{random.Next(wildcards.Length)}"));
            var body = Text(random, 2 + (n % 40)) + $" {selecting} " + Text(random, 2 + (n % 9));
            var expected = scanned.Match(null, body);
            var actual = current.Match(null, body);
            Assert.True(current.DefersWildcards);
            Assert.True(scanned.DefersWildcards);
            Assert.Equal(expected.Select(m => m.RuleId), actual.Select(m => m.RuleId));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Hits, actual[i].Hits);
                Assert.Equal(expected[i].Terms, actual[i].Terms);
            }

            ReferenceMatcher.AssertAgrees(rules.Skip(RuleSet.PairThreshold + 20), null, body, actual);
        }
    }

    [Fact]
    public void Match_PrefixAtTheLastWordAndInsideWords_FoundOnlyAtWordStarts()
    {
        var rules = Enumerable.Range(0, RuleSet.PairThreshold + 20).Select(i => new RuleDefinition($"f{i}", $"\"alpha{i} omega{i}\"")).ToList();
        rules.Add(new RuleDefinition("w", "(negot* OR \"never seen\") AND troops"));
        var set = RuleSet.Compile(rules);

        var match = Assert.Single(set.Match(null, "Troops renegotiated, then neg nego negotiationsprozessen negotiated"));

        Assert.Equal(
            [(35, 21), (57, 10)],
            match.Hits.Where(h => h.Term == "negot*").Select(h => (h.Start, h.Length)));
    }

    private static string Text(Random random, int words) => RuleMatcherPropertyTests.Text(random, words, TextWords, Separators);
}
