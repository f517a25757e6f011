using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets16's hit copying in BuildMatch (no struct temporaries, no moves before the first duplicate), against the path before it.</summary>
public sealed class BuildMatchCopiesTests
{
    [Fact]
    public void Precedes_RandomHits_SameAsCompareBelowZero()
    {
        var random = new Random(164);
        for (var n = 0; n < 5000; n++)
        {
            var a = new TermHit(random.Next(3), random.Next(2), random.Next(4), random.Next(4), random.Next(-1, 5));
            var b = new TermHit(random.Next(3), random.Next(2), random.Next(4), random.Next(4), random.Next(-1, 5));

            Assert.Equal(TermHit.Compare(a, b) < 0, TermHit.Precedes(in a, in b));
        }
    }

    [Theory]
    [InlineData("ceasefire OR cease-fire OR \"cease fire\"", "A ceasefire, a cease-fire and a cease fire. Then ceasefire again.")]
    [InlineData("talks OR \"peace talks\" OR peace", "Peace talks and talks of peace talks.")]
    [InlineData("truce", "No match here.")]
    [InlineData("title:truce OR truce", "truce truce. truce")]
    public void Match_RulesWithDuplicateHits_SameAsThePathBefore(string query, string body)
    {
        var rules = new[] { new RuleDefinition("r", query) };
        var current = RuleSet.Compile(rules);
        var before = RuleSet.Compile(rules);
        before.ResultsInOrderBaseline = true;

        var expected = before.Match("Truce and ceasefire talks", body);
        var actual = current.Match("Truce and ceasefire talks", body);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Count, actual[i].Count);
            Assert.Equal(expected[i].Terms, actual[i].Terms);
            Assert.Equal(expected[i].Hits, actual[i].Hits);
            Assert.Equal(expected[i].Snippets.Select(s => (s.Field, s.Text)), actual[i].Snippets.Select(s => (s.Field, s.Text)));
            Assert.Equal(expected[i].Snippets.SelectMany(s => s.Highlights), actual[i].Snippets.SelectMany(s => s.Highlights));
        }
    }
}
