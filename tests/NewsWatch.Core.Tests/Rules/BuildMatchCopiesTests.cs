using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets16's hit copying in BuildMatch (no struct temporaries, no moves before the first duplicate): hits in order, each place once, snippets as the reference's.</summary>
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
    public void Match_RulesWithDuplicateHits_EachPlaceOnceInOrderAndSnippetsAsTheReference(string query, string body)
    {
        const string title = "Truce and ceasefire talks";
        var rules = new[] { new RuleDefinition("r", query) };
        var matches = RuleSet.Compile(rules).Match(title, body);

        ReferenceMatcher.AssertAgrees(rules, title, body, matches);
        var match = Assert.Single(matches);
        var places = match.Hits.Select(h => (Field: h.Field == "title" ? 0 : 1, h.Start, h.Length)).ToList();
        Assert.Equal(places.Distinct(), places);
        Assert.Equal(places.OrderBy(p => p.Field).ThenBy(p => p.Start).ThenByDescending(p => p.Length), places);
        Assert.Equal(places.Count, match.Count); // two terms that find the same words count them once
        ReferenceSnippets.AssertSame(title, body, ReferenceSnippets.HitsOf(match), match.Snippets);
    }

    [Fact]
    public void Match_ThreeSpellingsOfOneCompound_EveryPlaceOnce()
    {
        var match = Assert.Single(RuleSet.Compile([new RuleDefinition("r", "ceasefire OR cease-fire OR \"cease fire\"")])
            .Match("Truce and ceasefire talks", "A ceasefire, a cease-fire and a cease fire. Then ceasefire again."));

        Assert.Equal(5, match.Count);
        Assert.Equal([("title", 10, 9), ("body", 2, 9), ("body", 15, 10), ("body", 32, 10), ("body", 49, 9)], match.Hits.Select(h => (h.Field, h.Start, h.Length)));
    }
}
