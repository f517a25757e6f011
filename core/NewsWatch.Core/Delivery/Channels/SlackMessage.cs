using System.Text;
using System.Text.Json.Nodes;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// The body of a Slack incoming-webhook post: Block Kit <c>blocks</c> (a header, then one <c>mrkdwn</c> section per story)
/// and a plain fallback <c>text</c> for notifications. Page-supplied text is put on one line and has Slack's control
/// characters escaped (<c>&amp;</c> → <c>&amp;amp;</c>, <c>&lt;</c> → <c>&amp;lt;</c>, <c>&gt;</c> → <c>&amp;gt;</c>), so it can
/// neither open a link nor mention <c>@channel</c>; sections are <c>verbatim</c> (no auto-linking). Within Slack's limits:
/// at most <see cref="MaxBlocks"/> blocks, section text under 3,000 characters, header under 150.
/// </summary>
internal static class SlackMessage
{
    /// <summary>The most blocks one message uses (Slack allows 50).</summary>
    public const int MaxBlocks = 48;

    public static byte[] Build(ChannelContent content)
    {
        var blocks = new JsonArray();
        string fallback;
        if (content.Kind == ChannelContent.AlertKind)
        {
            var alert = content.Alerts[0];
            fallback = "NewsWatch alert (" + ChannelJson.Line(alert.RuleId, 60) + "): " + ChannelJson.Line(TitleOf(alert), 200);
            blocks.Add((JsonNode)Header("NewsWatch alert: rule " + ChannelJson.Line(alert.RuleId, 100)));
            blocks.Add((JsonNode)Section(Story([alert], content.TimeZone)));
        }
        else
        {
            var count = content.Alerts.Count;
            fallback = $"NewsWatch digest: {count} alert{(count == 1 ? "" : "s")}";
            blocks.Add((JsonNode)Header(fallback));
            if (content.Held > 0)
            {
                blocks.Add((JsonNode)Context($"{content.Held} of these {(content.Held == 1 ? "was" : "were")} held back by your hourly limit or quiet hours."));
            }

            var left = 0;
            foreach (var rule in content.Alerts.GroupBy(a => a.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                foreach (var (story, index) in DigestComposer.Stories(rule).Select((s, i) => (s, i)))
                {
                    if (blocks.Count >= MaxBlocks - 1)
                    {
                        left++;
                        continue;
                    }

                    var text = index == 0 ? "*Rule " + Escape(ChannelJson.Line(rule.Key, 100)) + "*\n" + Story(story, content.TimeZone) : Story(story, content.TimeZone);
                    blocks.Add((JsonNode)Section(text));
                }
            }

            if (left > 0)
            {
                blocks.Add((JsonNode)Context($"… and {left} more {(left == 1 ? "story" : "stories")}."));
            }
        }

        var message = new JsonObject
        {
            ["text"] = Escape(fallback),
            ["blocks"] = blocks,
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        return ChannelJson.Bytes(message);
    }

    /// <summary>Escapes Slack's control characters <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> (and nothing else, as Slack asks).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static string Story(IReadOnlyList<Alert> story, TimeZoneInfo zone)
    {
        var lead = story[0];
        var text = new StringBuilder();
        text.Append('*').Append(Link(lead.Link, ChannelJson.Line(TitleOf(lead), 200))).Append("*\n")
            .Append(Escape(ChannelJson.Line(lead.SourceId, 80))).Append(", ")
            .Append(Escape(DigestComposer.Time(lead.EntryTime ?? lead.PublishedAt ?? lead.DetectedAt, zone)));
        if (lead.Snippets.Count > 0)
        {
            text.Append("\n&gt; ");
            var left = 600;
            foreach (var (part, highlighted) in AlertEmailComposer.Split(lead.Snippets[0]))
            {
                if (left <= 0)
                {
                    break;
                }

                var piece = ChannelJson.Inline(part, left);
                left -= piece.Length;
                var escaped = Escape(piece);
                text.Append(highlighted && escaped.Trim().Length > 0 ? "*" + escaped.Trim() + "*" : escaped);
            }
        }

        foreach (var also in story.Skip(1).Take(10))
        {
            text.Append("\nAlso reported by ").Append(Escape(ChannelJson.Line(also.SourceId, 60))).Append(": ")
                .Append(Link(also.Link, ChannelJson.Line(TitleOf(also), 120)));
        }

        if (story.Count > 11)
        {
            text.Append("\n… and ").Append(story.Count - 11).Append(" more outlets");
        }

        return text.Length < 2900 ? text.ToString() : text.ToString(0, 2899) + "…";
    }

    private static string TitleOf(Alert alert) => string.IsNullOrWhiteSpace(alert.Title) ? alert.ArticleUrl : alert.Title;

    /// <summary><c>&lt;url|label&gt;</c> for an absolute http(s) URL (whose <c>|</c>, <c>&lt;</c>, <c>&gt;</c> are percent-encoded), else the escaped label.</summary>
    private static string Link(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? "<" + Escape(uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal)) + "|" + Escape(label) + ">"
            : Escape(label);

    private static JsonObject Header(string text) =>
        new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = ChannelJson.Line(text, 150), ["emoji"] = false } };

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn, ["verbatim"] = true } };

    private static JsonObject Context(string plain) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "plain_text", ["text"] = plain, ["emoji"] = false }) };
}
