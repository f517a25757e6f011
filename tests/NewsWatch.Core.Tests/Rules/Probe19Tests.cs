using System.Globalization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Round probe19: the vocabulary's anchor slots (<see cref="VocabularyTable.WithAnchorRanges"/>) find the same ids
/// as its plain slots, each with its word's range, and are left out when a field does not fit; matching rule sets
/// with this round's steps gives the same results as without them and as the reference matcher.
/// </summary>
public sealed class Probe19Tests
{
    [Fact]
    public void FindAnchoring_SameIdsAsFindUnfiltered_WithTheirRanges()
    {
        var random = new Random(19);
        for (var trial = 0; trial < 20; trial++)
        {
            var words = Enumerable.Range(0, random.Next(1, 3_000)).Select(i => Pairs18Tests.Word(random, i, shortest: 0)).Distinct().ToList();
            var rangeStart = new int[words.Count + 1];
            for (var i = 0; i < words.Count; i++)
            {
                rangeStart[i + 1] = rangeStart[i] + (random.Next(3) == 0 ? 0 : random.Next(1, trial % 2 == 0 ? 4 : 256));
            }

            var all = new VocabularyTable(words);
            var table = (trial % 3 == 0 ? all : all.Filtered(id => id % 2 == 0)).WithAnchorRanges(rangeStart);
            Assert.True(table.HasAnchorSlots);
            Assert.False(all.HasAnchorSlots);
            var probes = words.Concat(Enumerable.Range(0, 500).Select(i => Pairs18Tests.Word(random, i + 5_000, shortest: 0)))
                .Concat(words.Take(100).Select(w => w + "s")).Concat(words.Take(100).Select(w => w[..^1])).Append("a").Append("zz");
            var found = 0;
            foreach (var probe in probes)
            {
                var hash = VocabularyTable.Hash(probe);
                var id = table.FindAnchoring(probe, hash, out var range);
                Assert.Equal(all.FindUnfiltered(probe, hash), id);
                if (id < 0)
                {
                    Assert.Equal(0, range);
                    continue;
                }

                found++;
                Assert.Equal(rangeStart[id], VocabularyTable.RangeFrom(range));
                Assert.Equal(rangeStart[id + 1] - rangeStart[id], VocabularyTable.RangeCount(range));
            }

            Assert.True(found >= words.Count);
        }
    }

    [Fact]
    public void WithAnchorRanges_FieldThatDoesNotFit_NoAnchorSlots()
    {
        var words = new List<string> { "alpha", "beta", new('x', 300) };
        Assert.False(new VocabularyTable(words).WithAnchorRanges([0, 1, 2, 3]).HasAnchorSlots); // a word over 255 chars
        words[2] = "gamma";
        Assert.True(new VocabularyTable(words).WithAnchorRanges([0, 1, 2, 3]).HasAnchorSlots);
        Assert.False(new VocabularyTable(words).WithAnchorRanges([0, 1, 301, 302]).HasAnchorSlots); // a range over 255
        Assert.True(new VocabularyTable(words).WithAnchorRanges([0, 1, 256, 257]).HasAnchorSlots);
        Assert.False(new VocabularyTable(words).WithAnchorRanges([0, 1, 1 << 24, (1 << 24) + 1]).HasAnchorSlots); // a start over 2^24
    }

    [Theory]
    [InlineData(32768)] // RuleSet.Step.AnchorSlots
    public void Match_WithAndWithoutTheStep_SameAsReference(int step)
    {
        // Single words (one anchoring many terms, some case-sensitive), phrases whose words anchor others, wildcards
        // and structured rules, over a small lexicon so that texts hold many of them.
        var random = new Random(23);
        var lexicon = Enumerable.Range(0, 400).Select(i => Pairs18Tests.Word(random, i, shortest: 0)).ToArray();
        var rules = new List<RuleDefinition>();
        for (var r = 0; r < 2_000; r++)
        {
            var a = lexicon[random.Next(lexicon.Length)];
            var b = lexicon[random.Next(lexicon.Length)];
            var query = (r % 12) switch
            {
                0 => $"\"{a} {b} {lexicon[random.Next(lexicon.Length)]}\"",
                1 => $"\"{a} {b}\" NEAR/3 {lexicon[random.Next(lexicon.Length)]}",
                2 => $"title:\"{a} {b}\" OR {a}x",
                3 => $"\"{a} {b[..Math.Min(3, b.Length)]}*\"",
                4 => $"{a} AND NOT {b}",
                5 => $"\"{a} {b}\"",
                6 => $"{a[..Math.Min(3, a.Length)]}* AND {b}",
                7 => $"case:{char.ToUpperInvariant(a[0])}{a[1..]}",
                8 => $"{lexicon[r % 3]} OR {a}",
                _ => a,
            };
            var rule = new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"r{r}"), query);
            try
            {
                RuleParser.Check(rule);
            }
            catch (RuleSyntaxException)
            {
                continue;
            }

            rules.Add(rule);
        }

        var set = RuleSet.Compile(rules);
        var matched = 0;
        for (var trial = 0; trial < 120; trial++)
        {
            var body = string.Join(random.Next(4) == 0 ? ", " : " ", Enumerable.Range(0, random.Next(0, 150)).Select(_ => random.Next(4) switch
            {
                0 => lexicon[random.Next(lexicon.Length)] + " " + lexicon[random.Next(lexicon.Length)],
                1 => lexicon[random.Next(lexicon.Length)],
                2 => random.Next(2) == 0 ? Capitalized(lexicon[random.Next(lexicon.Length)]) : lexicon[random.Next(lexicon.Length)] + "x",
                _ => random.Next(2) == 0 ? "filler" : "the",
            }));
            var title = trial % 3 == 0 ? null : string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => lexicon[random.Next(lexicon.Length)]));
            var current = BaselineStep.MatchSameWithout(set, (RuleSet.Step)step, title, body);
            matched += current.Count;
            if (trial % 4 == 0)
            {
                ReferenceMatcher.AssertAgrees(rules, title, body, current);
            }
        }

        Assert.True(matched > 1_000, $"{matched} matches: the texts hold the rules' words");
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
