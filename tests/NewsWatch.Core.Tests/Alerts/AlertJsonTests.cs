using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Alerts;

/// <summary>Golden tests: the literal examples of the storage contract (architecture.md) are what the code writes.</summary>
public sealed class AlertJsonTests
{
    private static readonly Alert Example = new(
        "9f2c4e1a7b3d5f60", 1, "ceasefire", "ceasefire OR \"cease-fire\"", "example-world",
        "https://news.example.org/world/2026/11/25/talks-resume", "Talks resume as allies weigh their options",
        new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 10, 41, 12, TimeSpan.FromHours(1)), "en",
        [new TermMatch("ceasefire", "body", 2)],
        [new Snippet("body", "Officials said a ceasefire could be agreed within days.", [new Highlight(17, 9)])]);

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name)).Trim();

    [Fact]
    public void Serialize_Alert_MatchesTheContractExample()
    {
        Assert.Equal(Golden("alert-example.json"), AlertJson.Serialize(Example));
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
