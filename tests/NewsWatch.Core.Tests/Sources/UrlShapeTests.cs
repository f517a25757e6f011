using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Sources;

public sealed class UrlShapeTests
{
    [Theory]
    [InlineData("https://x.example/world/2026/11/25/talks-resume", "Article")]
    [InlineData("https://x.example/news/20261125-talks", "Article")]
    [InlineData("https://x.example/politik/article123456.ece", "Article")]
    [InlineData("https://x.example/world/nato-ministers-weigh-next-steps.html", "Article")]
    [InlineData("https://x.example/мир/переговоры-о-прекращении-огня", "Article")]
    [InlineData("https://x.example/tag/ukraine", "Section")]
    [InlineData("https://x.example/author/jane-doe-smith-jones", "Section")]
    [InlineData("https://x.example/topics/middle-east-peace-talks", "Section")]
    [InlineData("https://x.example/search?q=ceasefire", "Section")]
    [InlineData("https://x.example/world/page/2", "Section")]
    [InlineData("https://x.example/politics/", "Section")]
    [InlineData("https://x.example/", "Section")]
    [InlineData("https://x.example/world/europe", "Unknown")]
    [InlineData("https://x.example/story/abc", "Unknown")]
    public void Classify_Url_GivesItsShape(string url, string expected)
    {
        Assert.Equal(expected, UrlShape.Classify(new Uri(url)).ToString());
    }
}
