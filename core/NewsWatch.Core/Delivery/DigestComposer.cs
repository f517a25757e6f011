using System.Globalization;
using System.Text;
using MimeKit;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// One digest email: alerts grouped by rule, then by story (alerts sharing a <see cref="Alert.StoryId"/>: the first is
/// the story, the later ones "also reported by"), stories newest first, each with title, source, time (in the
/// subscriber's zone) and the matched sentence. Plain text and HTML; page-supplied text is escaped and never reaches a
/// header. The HTML is one narrow column that wraps any long word, with colours that read in light and dark mode.
/// </summary>
public sealed class DigestComposer
{
    private readonly TimeProvider _time;

    public DigestComposer(TimeProvider time) => _time = time;

    /// <summary>The digest <paramref name="digestId"/> of <paramref name="alerts"/> for <paramref name="subscriber"/>.</summary>
    public MimeMessage Compose(string digestId, IReadOnlyList<Alert> alerts, int held, Subscriber subscriber, string from, Uri? unsubscribe)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(subscriber);
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage
        {
            Subject = $"NewsWatch digest: {alerts.Count} alert{(alerts.Count == 1 ? "" : "s")} for {string.Join(", ", alerts.Select(a => MailText.OneLine(a.RuleId, 40)).Distinct().Take(3))}",
            Date = _time.GetUtcNow(),
            MessageId = AlertEmailComposer.MessageId(digestId, subscriber.Email, sender.Domain),
        };
        if (message.Subject.Length > AlertEmailComposer.MaxSubjectLength)
        {
            message.Subject = message.Subject[..(AlertEmailComposer.MaxSubjectLength - 1)] + "…";
        }

        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        message.Headers.Add("X-NewsWatch-Digest-Id", digestId);
        if (unsubscribe is not null)
        {
            AlertEmailComposer.AddUnsubscribe(message, unsubscribe);
        }

        var (text, html) = Bodies(alerts, held, subscriber.TimeZone, unsubscribe);
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>The stories of one rule: alerts sharing a story id fold into the first; newest story first.</summary>
    public static IReadOnlyList<IReadOnlyList<Alert>> Stories(IEnumerable<Alert> alerts) =>
        [.. alerts
            .GroupBy(a => a.StoryId ?? "alert:" + a.Id)
            .Select(g => (IReadOnlyList<Alert>)[.. g.OrderBy(a => a.DetectedAt).ThenBy(a => a.Id, StringComparer.Ordinal)])
            .OrderByDescending(s => s.Max(a => a.DetectedAt))];

    /// <summary>The plain-text and HTML bodies.</summary>
    public static (string Text, string Html) Bodies(IReadOnlyList<Alert> alerts, int held, TimeZoneInfo zone, Uri? unsubscribe)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"supported-color-schemes\" content=\"light dark\"><title>NewsWatch digest</title></head>\n")
            .Append("<body style=\"margin: 0; padding: 12px; font-family: sans-serif; line-height: 1.45; overflow-wrap: anywhere; word-break: break-word\">\n")
            .Append("<div style=\"max-width: 640px; margin: 0 auto\">\n");
        text.Append("NewsWatch digest: ").Append(alerts.Count).Append(alerts.Count == 1 ? " alert" : " alerts").Append('\n');
        html.Append("<h1 style=\"font-size: 1.3em\">NewsWatch digest: ").Append(alerts.Count).Append(alerts.Count == 1 ? " alert" : " alerts").Append("</h1>\n");
        if (held > 0)
        {
            var note = $"{held} of these {(held == 1 ? "was" : "were")} held back by your hourly limit or quiet hours.";
            text.Append(note).Append('\n');
            html.Append("<p>").Append(MailText.Escape(note)).Append("</p>\n");
        }

        foreach (var rule in alerts.GroupBy(a => a.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("\n== Rule \"").Append(MailText.OneLine(rule.Key)).Append("\" ==\n");
            html.Append("<h2 style=\"font-size: 1.1em; border-bottom: 1px solid #888888\">Rule <span dir=\"auto\">").Append(MailText.Escape(rule.Key)).Append("</span></h2>\n");
            foreach (var story in Stories(rule))
            {
                var lead = story[0];
                var title = MailText.OneLine(string.IsNullOrWhiteSpace(lead.Title) ? lead.ArticleUrl : lead.Title);
                text.Append("\n* ").Append(title).Append('\n')
                    .Append("  ").Append(MailText.OneLine(lead.SourceId)).Append(", ").Append(Time(lead.EntryTime ?? lead.PublishedAt ?? lead.DetectedAt, zone)).Append('\n')
                    .Append("  ").Append(MailText.OneLine(lead.Link)).Append('\n');
                html.Append("<div style=\"margin: 0 0 1em 0\">\n<p style=\"margin: 0.6em 0 0.2em 0; font-weight: bold\" dir=\"auto\">")
                    .Append(Link(lead.Link, MailText.Escape(title))).Append("</p>\n")
                    .Append("<p style=\"margin: 0; font-size: 0.9em\"><span dir=\"auto\">").Append(MailText.Escape(MailText.OneLine(lead.SourceId))).Append("</span>, ")
                    .Append(MailText.Escape(Time(lead.EntryTime ?? lead.PublishedAt ?? lead.DetectedAt, zone))).Append("</p>\n");
                if (lead.Snippets.Count > 0)
                {
                    var snippet = lead.Snippets[0];
                    text.Append("  > ");
                    html.Append("<blockquote style=\"margin: 0.3em 0 0 0; padding-left: 0.6em; border-left: 3px solid #888888\" dir=\"auto\">");
                    foreach (var (part, highlighted) in AlertEmailComposer.Split(snippet))
                    {
                        var line = part.ReplaceLineEndings(" ");
                        text.Append(highlighted ? "**" + MailText.OneLine(line) + "**" : line);
                        html.Append(highlighted ? "<strong>" + MailText.Escape(part) + "</strong>" : MailText.Escape(part));
                    }

                    text.Append('\n');
                    html.Append("</blockquote>\n");
                }

                if (story.Count > 1)
                {
                    text.Append("  Also reported by:\n");
                    html.Append("<p style=\"margin: 0.3em 0 0 0; font-size: 0.9em\">Also reported by:</p>\n<ul style=\"margin: 0; padding-left: 1.2em; font-size: 0.9em\">\n");
                    foreach (var also in story.Skip(1))
                    {
                        var alsoTitle = MailText.OneLine(string.IsNullOrWhiteSpace(also.Title) ? also.ArticleUrl : also.Title);
                        text.Append("  - ").Append(MailText.OneLine(also.SourceId)).Append(": ").Append(alsoTitle).Append(" (").Append(MailText.OneLine(also.Link)).Append(")\n");
                        html.Append("<li dir=\"auto\">").Append(MailText.Escape(MailText.OneLine(also.SourceId))).Append(": ").Append(Link(also.Link, MailText.Escape(alsoTitle))).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                }

                html.Append("</div>\n");
            }
        }

        text.Append("\n-- \nTimes are in ").Append(zone.Id).Append(". You get this digest because you subscribed to NewsWatch.\n");
        html.Append("<p style=\"font-size: 0.8em\">Times are in ").Append(MailText.Escape(zone.Id)).Append(". You get this digest because you subscribed to NewsWatch.");
        if (unsubscribe is not null)
        {
            text.Append("Unsubscribe from every NewsWatch email: ").Append(unsubscribe.AbsoluteUri).Append('\n');
            html.Append(" <a href=\"").Append(MailText.Escape(unsubscribe.AbsoluteUri)).Append("\">Unsubscribe</a>.");
        }

        html.Append("</p>\n</div>\n</body></html>\n");
        return (text.ToString(), html.ToString());
    }

    /// <summary>A time in the subscriber's zone: <c>2026-11-25 10:41 CET</c>-style, with the UTC offset.</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    private static string Link(string url, string escapedText) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<a href=\"{MailText.Escape(uri.AbsoluteUri)}\">{escapedText}</a>"
            : escapedText;
}
