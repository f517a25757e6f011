using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>The per-call working memory of the matcher.</summary>
public sealed class MatchScratchTests
{
    [Fact]
    public void SetNext_RewritesOnlyTheLink()
    {
        var hit = new TermHit(1, 2, 3, 4, -1, 5, 6);
        MatchScratch.SetNext(ref hit, 42);
        Assert.Equal(new TermHit(1, 2, 3, 4, 42, 5, 6), hit);
    }

    [Fact]
    public void Record_ChainsEveryHitOfATerm_InOrder()
    {
        var scratch = new MatchScratch(3, 1);
        scratch.Record(1, 1, 0, 3, 0, 0);
        scratch.Record(2, 1, 4, 7, 1, 1);
        scratch.Record(1, 1, 8, 11, 2, 2);
        scratch.Record(1, 0, 0, 3, 0, 0);
        var starts = new List<(int Field, int Start)>();
        for (var h = scratch.Terms[1].FirstHit; h >= 0; h = scratch.Hits[h].Next)
        {
            starts.Add((scratch.Hits[h].Field, scratch.Hits[h].Start));
        }

        Assert.Equal([(1, 0), (1, 8), (0, 0)], starts);
        Assert.Equal(-1, scratch.Hits[scratch.Terms[2].FirstHit].Next);
    }
}
