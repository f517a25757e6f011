using NewsWatch.Core.Alerts;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Alerts;

public sealed class AlertIdsTests
{
    [Fact]
    public void Compute_IsSixteenHexDigits_AndStable()
    {
        var id = AlertIds.Compute("ceasefire", new Uri("https://news.example.org/world/a"));

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, AlertIds.Compute("ceasefire", new Uri("https://news.example.org/world/a")));
        // Pinned (sha256("ceasefire\nhttps://news.example.org/world/a")[..8]): changing the derivation would re-alert every article after an upgrade.
        Assert.Equal("3b1d662fe9d5859d", AlertIds.Compute("ceasefire", new Uri("https://news.example.org/world/a")));
    }

    [Fact]
    public void Compute_WithEntryId_IsPinnedAndDiffersFromTheArticle()
    {
        var url = new Uri("https://news.example.org/world/live/2026/11/25/talks");

        // Pinned: sha256("ceasefire\nhttps://news.example.org/world/live/2026/11/25/talks\npost-42")[..8].
        Assert.Equal("3dac93de0f2a1354", AlertIds.Compute("ceasefire", url, "post-42"));
        Assert.NotEqual(AlertIds.Compute("ceasefire", url), AlertIds.Compute("ceasefire", url, "post-42"));
        Assert.NotEqual(AlertIds.Compute("ceasefire", url, "post-41"), AlertIds.Compute("ceasefire", url, "post-42"));
    }

    [Fact]
    public void Compute_SameArticleViaUtmLink_SameId()
    {
        var plain = UrlCanonicalizer.Canonicalize(new Uri("https://news.example.org/world/a?page=2"));
        var tracked = UrlCanonicalizer.Canonicalize(new Uri("https://news.example.org/world/a?utm_source=rss&page=2#comments"));

        Assert.Equal(AlertIds.Compute("r", plain), AlertIds.Compute("r", tracked));
    }

    [Fact]
    public void Compute_DifferentRuleOrQuery_DifferentId()
    {
        var url = new Uri("https://news.example.org/world/a?page=2");

        Assert.NotEqual(AlertIds.Compute("r1", url), AlertIds.Compute("r2", url));
        Assert.NotEqual(AlertIds.Compute("r1", url), AlertIds.Compute("r1", new Uri("https://news.example.org/world/a?page=3")));
    }

    [Fact]
    public void BlobName_UsesTheUtcDate()
    {
        var lateInBerlin = new DateTimeOffset(2026, 11, 26, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026/11/25/abc.json", AlertIds.BlobName("abc", lateInBerlin));
    }
}
