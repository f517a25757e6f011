using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Alerts;

/// <summary>
/// Golden tests: the literal examples of the alert contract (version 2 in the README, version 1 in architecture.md) are
/// what the code writes and reads.
/// </summary>
public sealed class AlertJsonTests
{
    private static readonly Alert V1Example = new(
        "9f2c4e1a7b3d5f60", 1, "ceasefire", "ceasefire OR \"cease-fire\"", "example-world",
        "https://news.example.org/world/2026/11/25/talks-resume", "Talks resume as allies weigh their options",
        new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 10, 41, 12, TimeSpan.FromHours(1)), "en",
        [new TermMatch("ceasefire", "body", 2)],
        [new Snippet("body", "Officials said a ceasefire could be agreed within days.", [new Highlight(17, 9)])]);

    private static readonly Alert Example = V1Example with { Id = "467024d03398bc84", SchemaVersion = Alert.CurrentSchemaVersion };

    private static readonly Alert EntryExample = new(
        "3dac93de0f2a1354", 2, "ceasefire", "ceasefire OR \"cease-fire\"", "example-world",
        "https://news.example.org/world/live/2026/11/25/talks", "Talks live: envoys meet in Geneva",
        new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 11, 5, 40, TimeSpan.Zero), "en",
        [new TermMatch("ceasefire", "body", 1)],
        [new Snippet("body", "The envoy says a ceasefire is \"hours away\".", [new Highlight(17, 9)])])
    {
        Kind = AlertKinds.LiveBlogEntry,
        EntryId = "post-42",
        EntryAnchor = "post-42",
        EntryTime = new DateTimeOffset(2026, 11, 25, 11, 2, 0, TimeSpan.Zero),
        StoryId = "s-5e1f0c2a9b7d3e81",
    };

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name)).Trim();

    [Fact]
    public void Serialize_Article_MatchesTheV2ContractExample()
    {
        Assert.Equal(Golden("alert-v2-article-example.json"), AlertJson.Serialize(Example));
    }

    [Fact]
    public void Serialize_LiveBlogEntry_MatchesTheV2ContractExample()
    {
        Assert.Equal(Golden("alert-v2-entry-example.json"), AlertJson.Serialize(EntryExample));
    }

    [Fact]
    public void DeserializeAlert_V2Examples_ReadBackEqual()
    {
        var entry = AlertJson.DeserializeAlert(Golden("alert-v2-entry-example.json"));
        var article = AlertJson.DeserializeAlert(Golden("alert-v2-article-example.json"));

        Assert.Equal(AlertJson.Serialize(EntryExample), AlertJson.Serialize(entry));
        Assert.Equal(AlertJson.Serialize(Example), AlertJson.Serialize(article));
        Assert.True(entry.IsEntry);
        Assert.Equal("https://news.example.org/world/live/2026/11/25/talks#post-42", entry.Link);
        Assert.Equal(article.ArticleUrl, article.Link);
    }

    [Fact]
    public void DeserializeAlert_V1Example_ReadsAsArticle()
    {
        var v1 = AlertJson.DeserializeAlert(Golden("alert-example.json"));

        Assert.Equal(1, v1.SchemaVersion);
        Assert.Equal(AlertKinds.Article, v1.Kind);
        Assert.Null(v1.EntryId);
        Assert.Null(v1.EntryTime);
        Assert.Null(v1.StoryId);
        Assert.Equal(V1Example.Snippets[0].Text, v1.Snippets[0].Text);
        Assert.Equal(V1Example.DetectedAt, v1.DetectedAt);
    }

    [Fact]
    public void Serialize_Message_MatchesTheContractExample()
    {
        var message = new AlertMessage("9f2c4e1a7b3d5f60", "2026/11/25/9f2c4e1a7b3d5f60.json", "ceasefire",
            "https://news.example.org/world/2026/11/25/talks-resume", "Talks resume as allies weigh their options");

        Assert.Equal(Golden("alert-message-example.json"), AlertJson.Serialize(message));
        Assert.Equal(message, AlertJson.DeserializeMessage(Golden("alert-message-example.json")));
    }

    [Fact]
    public void DeserializeAlert_RoundTrips()
    {
        var back = AlertJson.DeserializeAlert(AlertJson.Serialize(Example));

        Assert.Equal(AlertJson.Serialize(Example), AlertJson.Serialize(back));
        Assert.Equal(Example.DetectedAt, back.DetectedAt);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"alertId\":\"x\"}")]
    [InlineData("null")]
    public void DeserializeMessage_Incomplete_Throws(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => AlertJson.DeserializeMessage(json));
    }
}
