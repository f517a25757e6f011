using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Sources;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://News.Example.org/a/b?utm_source=x&id=3&utm_medium=y#top", "https://news.example.org/a/b?id=3")]
    [InlineData("https://news.example.org:443/a?utm_campaign=z", "https://news.example.org/a")]
    [InlineData("http://news.example.org/a?b=1&c=2", "http://news.example.org/a?b=1&c=2")]
    [InlineData("https://news.example.org/a#section", "https://news.example.org/a")]
    public void Canonicalize_DropsFragmentAndUtmOnly(string input, string expected)
    {
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(input)).AbsoluteUri);
    }

    [Theory]
    [InlineData("/world/a.html", "https://news.example.org/world/a.html")]
    [InlineData("b.html?utm_source=rss", "https://news.example.org/world/b.html")]
    public void TryCanonicalize_ResolvesRelativeLinks(string href, string expected)
    {
        var result = UrlCanonicalizer.TryCanonicalize(href, new Uri("https://news.example.org/world/index.html"));
        Assert.Equal(expected, result?.AbsoluteUri);
    }

    [Theory]
    [InlineData("mailto:desk@example.org")]
    [InlineData("javascript:void(0)")]
    [InlineData("")]
    public void TryCanonicalize_RejectsNonWebLinks(string href)
    {
        Assert.Null(UrlCanonicalizer.TryCanonicalize(href, new Uri("https://news.example.org/")));
    }
}
