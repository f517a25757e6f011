using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>The filter of adjacent word pairs (<see cref="PairFilter"/>) and the rule sets large enough to use it.</summary>
public sealed class PairFilterTests
{
    private static readonly string[] Words =
    [
        "nato", "troops", "ceasefire", "cease", "fire", "gaza", "boots", "on", "the", "ground", "alliance", "border",
        "Müller", "Mueller", "negotiated", "negotiating", "US", "us",
    ];

    private static readonly string[] QueryWords =
    [
        "nato", "troops", "ceasefire", "cease-fire", "\"cease fire\"", "\"boots on the ground\"", "\"nato troops\"",
        "\"the border\"", "\"gaza ceasefire\"", "Müller", "\"negotiat* ceasefire\"", "negotiat*", "\"the bo*\"", "case:US",
        "\"alliance border\" NEAR/3 troops", "\"troops on\"", "title:\"nato alliance\"",
    ];

    [Fact]
    public void MayContain_EveryPairAdded_IsTrue()
    {
        var random = new Random(7);
        var pairs = Enumerable.Range(0, 5_000).Select(_ => ((uint)random.Next() * 2, (uint)random.Next() * 3)).ToList();
        var filter = new PairFilter(pairs);
        foreach (var (left, right) in pairs)
        {
            Assert.Equal(1, filter.MayContain(left, right));
        }
    }

    [Fact]
    public void Passed_SameAsMayContainPairByPair()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 50).Select(_ => (uint)random.Next() * 7).ToArray();
        var hashes = Enumerable.Range(0, 200).Select(_ => values[random.Next(50)]).ToArray();
        var pairs = Enumerable.Range(0, 300).Select(_ => (values[random.Next(50)], values[random.Next(50)])).ToList();
        var filter = new PairFilter(pairs);
        for (var start = 0; start < 130; start += 13)
        {
            for (var end = start; end <= Math.Min(start + 64, 199); end += 5)
            {
                var expected = 0UL;
                for (var q = start; q < end; q++)
                {
                    expected |= (ulong)filter.MayContain(hashes[q], hashes[q + 1]) << (q - start);
                }

                Assert.Equal(expected, filter.Passed(hashes, start, end));
            }
        }
    }

    [Fact]
    public void Compile_ManyPhrases_UsesPairs_FewDoNot()
    {
        Assert.True(RuleSet.Compile(Fillers(RuleSet.PairThreshold)).UsesPairFilter);
        Assert.False(RuleSet.Compile(Fillers(10)).UsesPairFilter);
    }

    [Fact]
    public void Match_PhraseFoundOnlyThroughItsPair_AtTextEdgesAndAcrossBlocks()
    {
        var rules = Fillers(RuleSet.PairThreshold).Append(new RuleDefinition("p", "\"alpha42 omega42\"")).ToList();
        var set = RuleSet.Compile(rules);
        Assert.True(set.UsesPairFilter);
        foreach (var before in new[] { 0, 1, 62, 63, 64, 127, 300 })
        {
            var body = string.Concat(Enumerable.Repeat("word ", before)) + "Alpha42 OMEGA42";
            Assert.Equal(["f42", "p"], set.Match(null, body).Select(m => m.RuleId).Order(StringComparer.Ordinal));
            Assert.Equal(["f42", "p"], set.Match(body, "nothing").Select(m => m.RuleId).Order(StringComparer.Ordinal));
        }

        Assert.Empty(set.Match(null, "alpha42 word omega42 alpha42"));
    }

    [Property(MaxTest = 150)]
    public Property Match_ManyPhraseRules_AgreesWithReference() => Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
    {
        var random = new Random(seed);
        var rules = Fillers(RuleSet.PairThreshold + random.Next(50));
        for (var r = 0; r < 10; r++)
        {
            var rule = new RuleDefinition($"r{r}", QueryWords[random.Next(QueryWords.Length)] + (random.Next(3) == 0 ? $" OR {QueryWords[random.Next(QueryWords.Length)]}" : string.Empty));
            RuleParser.Check(rule);
            rules.Add(rule);
        }

        var title = random.Next(3) == 0 ? null : Text(random, 6);
        var body = Text(random, 120);
        var set = RuleSet.Compile(rules);
        var fast = set.Match(title, body).Select(m => m.RuleId).ToHashSet();
        foreach (var rule in rules)
        {
            var expected = ReferenceMatcher.Matches(rule, title, body);
            if (expected != fast.Contains(rule.Id))
            {
                throw new InvalidOperationException($"rule {rule.Query}: reference {expected}, fast {fast.Contains(rule.Id)}; title {title}; body {body}");
            }
        }

        return true;
    });

    /// <summary>Phrases of words no other rule has ("alpha7 omega7"), each anchoring only its phrase.</summary>
    private static List<RuleDefinition> Fillers(int count) =>
        Enumerable.Range(0, count).Select(i => new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"f{i}"), string.Create(CultureInfo.InvariantCulture, $"\"alpha{i} omega{i}\""))).ToList();

    private static string Text(Random random, int words)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, words);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(random.Next(5) == 0 ? ", " : " ");
            }

            sb.Append(random.Next(10) == 0 ? string.Create(CultureInfo.InvariantCulture, $"alpha{random.Next(300)} omega{random.Next(300)}") : Words[random.Next(Words.Length)]);
        }

        return sb.ToString();
    }
}
