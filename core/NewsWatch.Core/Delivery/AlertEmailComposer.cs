using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Builds the email for one alert and one recipient: plain text and HTML (multipart/alternative). Everything that came
/// from a page (title, URL, snippets) is HTML-escaped in the HTML part, only http(s) URLs become links, and no control
/// character (CR/LF included) reaches a header.
/// </summary>
public sealed class AlertEmailComposer
{
    /// <summary>The longest subject, in characters (a longer title is cut with an ellipsis).</summary>
    public const int MaxSubjectLength = 160;

    private const string Ellipsis = "…";
    private readonly TimeProvider _time;

    public AlertEmailComposer(TimeProvider time) => _time = time;

    /// <summary>The email for <paramref name="alert"/> from <paramref name="from"/> to <paramref name="recipient"/>.</summary>
    public MimeMessage Compose(Alert alert, string from, string recipient) => Compose(alert, from, recipient, unsubscribe: null);

    /// <summary>
    /// The email for <paramref name="alert"/>; with <paramref name="unsubscribe"/>, the RFC 8058 one-click headers
    /// (<c>List-Unsubscribe</c>, <c>List-Unsubscribe-Post</c>) and an unsubscribe link in both parts.
    /// </summary>
    public MimeMessage Compose(Alert alert, string from, string recipient, Uri? unsubscribe)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage
        {
            Subject = Subject(alert),
            Date = _time.GetUtcNow(),
            MessageId = MessageId(alert.Id, recipient, sender.Domain),
        };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add("X-NewsWatch-Alert-Id", alert.Id);
        message.Headers.Add("X-NewsWatch-Rule-Id", OneLine(alert.RuleId, 200));
        var text = TextBody(alert);
        var html = HtmlBody(alert);
        if (unsubscribe is not null)
        {
            AddUnsubscribe(message, unsubscribe);
            text += "Unsubscribe from every NewsWatch email: " + unsubscribe.AbsoluteUri + "\n";
            html = html.Replace("</body></html>", $"<p style=\"font-size: small\"><a href=\"{Escape(unsubscribe.AbsoluteUri)}\">Unsubscribe</a> from every NewsWatch email.</p>\n</body></html>", StringComparison.Ordinal);
        }

        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>Adds <c>List-Unsubscribe: &lt;url&gt;</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058).</summary>
    public static void AddUnsubscribe(MimeMessage message, Uri unsubscribe)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unsubscribe);
        message.Headers.Add("List-Unsubscribe", "<" + unsubscribe.AbsoluteUri + ">");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /// <summary><c>NewsWatch: "{ruleId}" in {title}</c>, on one line, at most <see cref="MaxSubjectLength"/> characters.</summary>
    public static string Subject(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var subject = $"NewsWatch: \"{OneLine(alert.RuleId, 60)}\" in {OneLine(TitleOrUrl(alert), int.MaxValue)}";
        return subject.Length <= MaxSubjectLength ? subject : subject[..(MaxSubjectLength - Ellipsis.Length)].TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// A stable Message-Id per alert and recipient (<c>{alertId}.{hash of the recipient}@{sender's domain}</c>), so that
    /// a resent email (at-least-once delivery) can be recognised as the same message by the receiver.
    /// </summary>
    public static string MessageId(string alertId, string recipient, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Trim().ToLowerInvariant()));
        var safeDomain = string.IsNullOrWhiteSpace(domain) || domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')) ? "newswatch.invalid" : domain;
        return $"{alertId}.{Convert.ToHexStringLower(hash.AsSpan(0, 8))}@{safeDomain}";
    }

    /// <summary>The plain-text body; highlighted ranges are wrapped in <c>**</c>.</summary>
    public static string TextBody(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = new StringBuilder();
        text.Append("NewsWatch alert: rule \"").Append(OneLine(alert.RuleId, int.MaxValue)).Append("\" matched ").Append(What(alert)).Append(".\n\n");
        text.Append("Title:     ").Append(OneLine(alert.Title ?? "(no title)", int.MaxValue)).Append('\n');
        text.Append("Link:      ").Append(OneLine(alert.Link, int.MaxValue)).Append('\n');
        if (alert.IsEntry)
        {
            text.Append("Entry:     ").Append(FormatTime(alert.EntryTime)).Append('\n');
        }

        text.Append("Source:    ").Append(OneLine(alert.SourceId, int.MaxValue)).Append('\n');
        text.Append("Published: ").Append(FormatTime(alert.PublishedAt)).Append('\n');
        text.Append("Detected:  ").Append(FormatTime(alert.DetectedAt)).Append('\n');
        text.Append("Rule:      ").Append(OneLine(alert.RuleId, int.MaxValue)).Append('\n');
        text.Append("Query:     ").Append(OneLine(alert.RuleQuery, int.MaxValue)).Append('\n');
        if (alert.Snippets.Count > 0)
        {
            text.Append("\nMatches:\n");
            foreach (var snippet in alert.Snippets)
            {
                text.Append("  [").Append(OneLine(snippet.Field, 20)).Append("] ");
                foreach (var (part, highlighted) in Split(snippet))
                {
                    var line = OneLine(part, int.MaxValue, trim: false);
                    text.Append(highlighted ? "**" + line + "**" : line);
                }

                text.Append('\n');
            }
        }

        text.Append("\n-- \nAlert ").Append(alert.Id).Append(". You get this email because you subscribed to NewsWatch rule \"")
            .Append(OneLine(alert.RuleId, int.MaxValue)).Append("\".\n");
        return text.ToString();
    }

    /// <summary>The HTML body; every page-supplied value is escaped, highlighted ranges are wrapped in <c>&lt;mark&gt;</c>.</summary>
    public static string HtmlBody(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"supported-color-schemes\" content=\"light dark\"><title>")
            .Append(Escape(OneLine(TitleOrUrl(alert), 300))).Append("</title></head>\n");
        // One column that wraps any long word or URL (no sideways scroll on a phone); no colours fixed, so dark mode works.
        html.Append("<body style=\"font-family: sans-serif; line-height: 1.4; overflow-wrap: anywhere; word-break: break-word\" dir=\"auto\">\n");
        html.Append("<p>NewsWatch alert: rule <strong>").Append(Escape(alert.RuleId)).Append("</strong> matched ").Append(What(alert)).Append(".</p>\n");
        var title = Escape(OneLine(alert.Title ?? "(no title)", int.MaxValue));
        html.Append("<h2>").Append(IsWebLink(alert.Link, out var link) ? $"<a href=\"{Escape(link.AbsoluteUri)}\">{title}</a>" : title).Append("</h2>\n");
        html.Append("<table style=\"table-layout: fixed; width: 100%; border-collapse: collapse\">\n");
        Row(html, "Link", IsWebLink(alert.Link, out link) ? $"<a href=\"{Escape(link.AbsoluteUri)}\">{Escape(alert.Link)}</a>" : Escape(alert.Link));
        if (alert.IsEntry)
        {
            Row(html, "Entry", Escape(FormatTime(alert.EntryTime)));
        }

        Row(html, "Source", Escape(alert.SourceId));
        Row(html, "Published", Escape(FormatTime(alert.PublishedAt)));
        Row(html, "Detected", Escape(FormatTime(alert.DetectedAt)));
        Row(html, "Rule", Escape(alert.RuleId));
        Row(html, "Query", "<code>" + Escape(alert.RuleQuery) + "</code>");
        html.Append("</table>\n");
        if (alert.Snippets.Count > 0)
        {
            html.Append("<h3>Matches</h3>\n<ul>\n");
            foreach (var snippet in alert.Snippets)
            {
                html.Append("<li><small>").Append(Escape(snippet.Field)).Append("</small> ");
                foreach (var (part, highlighted) in Split(snippet))
                {
                    html.Append(highlighted ? "<mark>" + Escape(part) + "</mark>" : Escape(part));
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<p style=\"font-size: small\">Alert ").Append(Escape(alert.Id))
            .Append(". You get this email because you subscribed to NewsWatch rule &quot;").Append(Escape(alert.RuleId)).Append("&quot;.</p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The snippet's text cut into plain and highlighted parts, in order. Highlights are clamped to the text, sorted,
    /// and overlapping or touching ones are merged; none splits a surrogate pair.
    /// </summary>
    public static IReadOnlyList<(string Text, bool Highlighted)> Split(Snippet snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var text = snippet.Text ?? string.Empty;
        var ranges = new List<(int Start, int End)>();
        foreach (var highlight in (snippet.Highlights ?? []).OrderBy(h => h.Start))
        {
            var start = AvoidSplittingPair(text, (int)Math.Clamp(highlight.Start, 0L, text.Length));
            var end = AvoidSplittingPair(text, (int)Math.Clamp((long)highlight.Start + highlight.Length, start, text.Length));
            if (end <= start)
            {
                continue;
            }

            if (ranges.Count > 0 && start <= ranges[^1].End)
            {
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, end));
            }
            else
            {
                ranges.Add((start, end));
            }
        }

        var parts = new List<(string, bool)>();
        var position = 0;
        foreach (var (start, end) in ranges)
        {
            if (start > position)
            {
                parts.Add((text[position..start], false));
            }

            parts.Add((text[start..end], true));
            position = end;
        }

        if (position < text.Length)
        {
            parts.Add((text[position..], false));
        }

        return parts;
    }

    private static int AvoidSplittingPair(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index + 1 : index;

    private static void Row(StringBuilder html, string label, string valueHtml) =>
        html.Append("<tr><th align=\"left\" valign=\"top\" style=\"width: 6.5em; padding-right: 0.5em\">").Append(label).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string What(Alert alert) => alert.IsEntry ? "a live-blog entry" : "an article";

    private static string TitleOrUrl(Alert alert) => string.IsNullOrWhiteSpace(alert.Title) ? alert.ArticleUrl : alert.Title;

    private static bool IsWebLink(string url, out Uri uri)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static string FormatTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "unknown";

    /// <summary>HTML-escapes text for element content and (double-quoted) attribute values alike.</summary>
    private static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Replaces every control character (CR, LF, tab, ...) by a space, collapses runs of spaces, and caps the length.</summary>
    private static string OneLine(string? text, int maxLength, bool trim = true)
    {
        var result = new StringBuilder((text ?? string.Empty).Length);
        foreach (var c in text ?? string.Empty)
        {
            var ch = char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c;
            if (ch == ' ' && result.Length > 0 && result[^1] == ' ')
            {
                continue;
            }

            result.Append(ch);
        }

        var line = trim ? result.ToString().Trim() : result.ToString();
        return line.Length <= maxLength ? line : line[..(maxLength - 1)] + Ellipsis;
    }
}
