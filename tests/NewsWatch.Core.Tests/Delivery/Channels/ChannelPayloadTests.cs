using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery.Channels;

namespace NewsWatch.Core.Tests.Delivery.Channels;

/// <summary>The bodies of webhook, Teams and Slack posts (<see cref="ChannelSender.Body"/>), hostile page text above all.</summary>
public sealed class ChannelPayloadTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(ChannelType.Webhook)]
    [InlineData(ChannelType.Teams)]
    [InlineData(ChannelType.Slack)]
    public void Body_HostileAlert_IsValidJsonWithNoRawMarkupOrLineBreak(ChannelType type)
    {
        var body = ChannelSender.Body(type, ChannelContent.ForAlert(ChannelTestAlerts.Hostile(), Berlin));

        var json = Encoding.UTF8.GetString(body);
        JsonNode.Parse(json); // throws when it is not JSON
        Assert.DoesNotContain('<', json);
        Assert.DoesNotContain('>', json);
        Assert.DoesNotContain('\r', json);
        Assert.DoesNotContain('\n', json);
        Assert.True(Encoding.UTF8.GetString(body).Contains("مرحبا", StringComparison.Ordinal), "right-to-left text stays readable");
    }

    [Fact]
    public void Body_Webhook_CarriesTheAlertAsStored()
    {
        var alert = ChannelTestAlerts.Hostile();

        var root = JsonNode.Parse(ChannelSender.Body(ChannelType.Webhook, ChannelContent.ForAlert(alert, Berlin)))!;

        Assert.Equal("alert", (string?)root["type"]);
        Assert.Equal(alert.Id, (string?)root["id"]);
        Assert.Equal(alert, root["alert"]!.Deserialize<Alert>(AlertJson.Options)! with { Matches = alert.Matches, Snippets = alert.Snippets });
        Assert.Equal(alert.Title, (string?)root["alert"]!["title"]);
        Assert.Equal(alert.Snippets[0].Text, (string?)root["alert"]!["snippets"]![0]!["text"]);
    }

    [Fact]
    public void Body_WebhookDigest_ListsEveryAlertAndTheHeldCount()
    {
        var alerts = Enumerable.Range(0, 3).Select(i => ChannelTestAlerts.Create(sourceId: "s" + i)).ToList();

        var root = JsonNode.Parse(ChannelSender.Body(ChannelType.Webhook, ChannelContent.ForDigest("digest-1", alerts, 2, Berlin)))!;

        Assert.Equal("digest", (string?)root["type"]);
        Assert.Equal("digest-1", (string?)root["id"]);
        Assert.Equal(2, (int?)root["held"]);
        Assert.Equal(alerts.Select(a => a.Id), root["alerts"]!.AsArray().Select(a => (string?)a!["id"]));
    }

    [Fact]
    public void Body_Slack_EscapesControlCharactersAndKeepsItsOwnLink()
    {
        var alert = ChannelTestAlerts.Hostile();

        var root = JsonNode.Parse(ChannelSender.Body(ChannelType.Slack, ChannelContent.ForAlert(alert, Berlin)))!;

        var texts = MrkdwnTexts(root).ToList();
        Assert.NotEmpty(texts);
        foreach (var text in texts.Append((string)root["text"]!))
        {
            Assert.True(text.Length < 3000, "a section text stays under Slack's 3,000 characters");
            Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@U123", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\nX-Injected", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain('\u202E', text);
        }

        var story = texts[0];
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;", story, StringComparison.Ordinal);
        Assert.StartsWith("*<" + alert.ArticleUrl + "|", story, StringComparison.Ordinal);
        Assert.Contains("\n&gt; *Ceasefire* &lt;b&gt;now&lt;/b&gt; &amp; then &gt; quoted &lt;https://evil.example|here&gt; x", story, StringComparison.Ordinal);
        Assert.All(root["blocks"]!.AsArray(), b => Assert.True((string?)b!["type"] is "header" or "section" or "context"));
    }

    [Fact]
    public void Body_Teams_IsAnAdaptiveCardMessage_WithPageTextOnlyInLiteralTextRuns()
    {
        var alert = ChannelTestAlerts.Hostile();

        var root = JsonNode.Parse(ChannelSender.Body(ChannelType.Teams, ChannelContent.ForAlert(alert, Berlin)))!;

        Assert.Equal("message", (string?)root["type"]);
        var attachment = Assert.Single(root["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var blocks = card["body"]!.AsArray();
        Assert.All(blocks, b => Assert.Equal("RichTextBlock", (string?)b!["type"])); // no TextBlock: no markdown anywhere
        var runs = blocks.SelectMany(b => b!["inlines"]!.AsArray()).Select(r => (string)r!["text"]!).ToList();
        Assert.All(runs, r => Assert.DoesNotContain("{{", r, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.DoesNotContain('\n', r));
        Assert.All(runs, r => Assert.DoesNotContain('\u202E', r)); // no bidi override: "gnp.exe" cannot show as "exe.png"
        Assert.All(runs, r => Assert.True(r.Length <= 420, "runs are capped"));
        Assert.Contains(runs, r => r.StartsWith("<script>alert(1)</script> & <!channel>", StringComparison.Ordinal));
        var open = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", (string?)open["type"]);
        Assert.Equal(alert.ArticleUrl, (string?)open["url"]);
    }

    [Fact]
    public void Body_BigDigest_StaysWithinSlackAndTeamsLimits()
    {
        var alerts = Enumerable.Range(0, 120).Select(i => ChannelTestAlerts.Create(ruleId: "r" + (i % 3), sourceId: "s" + i, storyId: i < 10 ? "story-a" : null)).ToList();
        var content = ChannelContent.ForDigest("digest-2", alerts, 0, TimeZoneInfo.Utc);

        var slack = JsonNode.Parse(ChannelSender.Body(ChannelType.Slack, content))!;
        var teams = ChannelSender.Body(ChannelType.Teams, content);

        var blocks = slack["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 10, 50);
        Assert.Contains("more stories", slack.ToJsonString(), StringComparison.Ordinal);
        Assert.InRange(teams.Length, 1, 28 * 1024);
        Assert.Contains("more stories", Encoding.UTF8.GetString(teams), StringComparison.Ordinal);
    }

    [Fact]
    public void Body_SameContent_SameBytes()
    {
        var alert = ChannelTestAlerts.Create();

        Assert.Equal(
            ChannelSender.Body(ChannelType.Webhook, ChannelContent.ForAlert(alert, Berlin)),
            ChannelSender.Body(ChannelType.Webhook, ChannelContent.ForAlert(alert, Berlin)));
    }

    private static IEnumerable<string> MrkdwnTexts(JsonNode root) =>
        root["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "section")
            .Select(b => (string)b!["text"]!["text"]!);
}
