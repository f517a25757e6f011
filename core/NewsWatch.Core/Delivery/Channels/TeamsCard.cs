using System.Text.Json.Nodes;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// The body of a Teams Workflows webhook post: a message with one attachment of content type
/// <c>application/vnd.microsoft.card.adaptive</c> holding an Adaptive Card 1.4. Every page-supplied text (title, source,
/// sentence, rule) goes into a <c>TextRun</c> of a <c>RichTextBlock</c>, which Teams shows literally (no markdown), on
/// one line, with <c>{{</c> broken up; links are <c>Action.OpenUrl</c> with absolute http(s) URLs only. A digest shows
/// at most <see cref="MaxStories"/> stories (the card has a size limit), then how many more there are.
/// </summary>
internal static class TeamsCard
{
    /// <summary>The most stories one digest card lists.</summary>
    public const int MaxStories = 25;

    public static byte[] Build(ChannelContent content)
    {
        var body = new JsonArray();
        var actions = new JsonArray();
        if (content.Kind == ChannelContent.AlertKind)
        {
            var alert = content.Alerts[0];
            body.Add((JsonNode)Heading("NewsWatch alert", "rule " + alert.RuleId));
            AddStory(body, [alert], content.TimeZone);
            if (HttpUrl(alert.Link) is { } url)
            {
                actions.Add((JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the article", ["url"] = url });
            }
        }
        else
        {
            body.Add((JsonNode)Heading("NewsWatch digest", $"{content.Alerts.Count} alert{(content.Alerts.Count == 1 ? "" : "s")}"));
            if (content.Held > 0)
            {
                body.Add((JsonNode)Rich(Run($"{content.Held} of these {(content.Held == 1 ? "was" : "were")} held back by your hourly limit or quiet hours.", subtle: true)));
            }

            var shown = 0;
            var total = 0;
            foreach (var rule in content.Alerts.GroupBy(a => a.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var stories = DigestComposer.Stories(rule);
                total += stories.Count;
                if (shown >= MaxStories)
                {
                    continue;
                }

                body.Add((JsonNode)Rich(Run("Rule " + ChannelJson.Line(rule.Key, 100), bold: true)));
                foreach (var story in stories.Take(MaxStories - shown))
                {
                    AddStory(body, story, content.TimeZone);
                    shown++;
                }
            }

            if (total > shown)
            {
                body.Add((JsonNode)Rich(Run($"… and {total - shown} more {(total - shown == 1 ? "story" : "stories")}.", subtle: true)));
            }
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
        return ChannelJson.Bytes(message);
    }

    private static void AddStory(JsonArray body, IReadOnlyList<Alert> story, TimeZoneInfo zone)
    {
        var lead = story[0];
        var title = Run(ChannelJson.Line(string.IsNullOrWhiteSpace(lead.Title) ? lead.ArticleUrl : lead.Title, 200), bold: true);
        if (HttpUrl(lead.Link) is { } url)
        {
            title["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url };
        }

        body.Add((JsonNode)Rich(title));
        body.Add((JsonNode)Rich(Run(ChannelJson.Line(lead.SourceId, 80) + ", " + DigestComposer.Time(lead.EntryTime ?? lead.PublishedAt ?? lead.DetectedAt, zone), subtle: true)));
        if (lead.Snippets.Count > 0)
        {
            var runs = new JsonArray();
            var left = 400;
            foreach (var (part, highlighted) in AlertEmailComposer.Split(lead.Snippets[0]))
            {
                if (left <= 0)
                {
                    break;
                }

                var text = ChannelJson.Inline(part, left);
                left -= text.Length;
                runs.Add((JsonNode)Run(text, bold: highlighted));
            }

            body.Add((JsonNode)new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = runs });
        }

        foreach (var also in story.Skip(1))
        {
            var run = Run("Also reported by " + ChannelJson.Line(also.SourceId, 80) + ": " + ChannelJson.Line(string.IsNullOrWhiteSpace(also.Title) ? also.ArticleUrl : also.Title, 150), subtle: true);
            if (HttpUrl(also.Link) is { } alsoUrl)
            {
                run["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = alsoUrl };
            }

            body.Add((JsonNode)Rich(run));
        }
    }

    private static JsonObject Heading(string what, string detail) =>
        Rich(Run(what + ": " + ChannelJson.Line(detail, 120), bold: true, large: true));

    private static JsonObject Rich(JsonObject run) =>
        new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };

    private static JsonObject Run(string text, bool bold = false, bool subtle = false, bool large = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (large)
        {
            run["size"] = "Medium";
        }

        return run;
    }

    private static string? HttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
