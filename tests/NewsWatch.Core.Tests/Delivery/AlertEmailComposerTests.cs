using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class AlertEmailComposerTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Delivery");
    private readonly AlertEmailComposer _composer = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 45, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("ceasefire-alert")]
    public void TextBody_MatchesGoldenFile(string name)
    {
        var alert = AlertJson.DeserializeAlert(File.ReadAllText(Path.Combine(DataDirectory, name + ".json")));

        var text = AlertEmailComposer.TextBody(alert);

        var expected = File.ReadAllText(Path.Combine(DataDirectory, name + ".expected.txt")).ReplaceLineEndings("\n");
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Compose_ScriptAndNewlinesInTitle_AreEscapedInHtmlAndKeptOutOfTheSubjectHeader()
    {
        var alert = Alert("<script>alert(1)</script>\r\nBcc: victim@example.org", "https://news.example.org/a?x=1&y=\"2\"");

        using var message = _composer.Compose(alert, "newswatch@example.org", "reader@example.org");

        Assert.NotNull(message.Subject);
        Assert.DoesNotContain('\r', message.Subject!);
        Assert.DoesNotContain('\n', message.Subject!);
        Assert.StartsWith("NewsWatch: \"ceasefire\" in <script>alert(1)</script> Bcc: victim@example.org", message.Subject, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.Single(message.To);
        var raw = Serialize(message).ReplaceLineEndings("\n");
        var headers = raw[..raw.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("\nBcc:", headers, StringComparison.OrdinalIgnoreCase);

        var html = message.HtmlBody;
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.org/a?x=1&amp;y=%222%22\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SnippetWithMarkup_IsEscapedAndHighlightedInHtml()
    {
        var alert = Alert("Title", "https://news.example.org/a") with
        {
            Snippets = [new Snippet("body", "<b>Truce</b> & ceasefire \"now\"", [new Highlight(15, 9)])],
        };

        using var message = _composer.Compose(alert, "newswatch@example.org", "reader@example.org");

        Assert.Contains("&lt;b&gt;Truce&lt;/b&gt; &amp; <mark>ceasefire</mark> &quot;now&quot;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<b>Truce</b> & **ceasefire** \"now\"", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_LiveBlogEntry_ShowsTheEntryAndLinksToItsAnchor()
    {
        var alert = Alert("Talks live", "https://news.example.org/live/talks") with
        {
            Kind = AlertKinds.LiveBlogEntry,
            EntryId = "post-42",
            EntryAnchor = "post-42",
            EntryTime = new DateTimeOffset(2026, 11, 25, 11, 2, 0, TimeSpan.Zero),
        };

        using var message = _composer.Compose(alert, "newswatch@example.org", "reader@example.org");

        Assert.Contains("matched a live-blog entry", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Link:      https://news.example.org/live/talks#post-42", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Entry:     2026-11-25 11:02 UTC", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.org/live/talks#post-42\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    public void Compose_NonWebUrl_IsNotALink(string url)
    {
        var alert = Alert("Title", url);

        using var message = _composer.Compose(alert, "newswatch@example.org", "reader@example.org");

        Assert.DoesNotContain("href=", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_IsMultipartAlternativeWithHeadersFromSettingsAndStableMessageId()
    {
        var alert = Alert("Title", "https://news.example.org/a");

        using var message = _composer.Compose(alert, "newswatch@example.org", "Reader@Example.org");
        using var again = _composer.Compose(alert, "newswatch@example.org", "reader@example.org");

        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(p => p.ContentType.MimeType));
        Assert.Equal("newswatch@example.org", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Address);
        Assert.Equal("Reader@Example.org", Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Address);
        Assert.Equal(again.MessageId, message.MessageId);
        Assert.StartsWith(alert.Id + ".", message.MessageId, StringComparison.Ordinal);
        Assert.EndsWith("@example.org", message.MessageId, StringComparison.Ordinal);
        Assert.NotEqual(AlertEmailComposer.MessageId(alert.Id, "other@example.org", "example.org"), message.MessageId);
    }

    [Fact]
    public void Subject_LongTitle_IsCapped()
    {
        var alert = Alert(new string('x', 1000), "https://news.example.org/a");

        var subject = AlertEmailComposer.Subject(alert);

        Assert.Equal(AlertEmailComposer.MaxSubjectLength, subject.Length);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_NoTitle_UsesTheUrl()
    {
        var alert = Alert(null, "https://news.example.org/a");

        Assert.Equal("NewsWatch: \"ceasefire\" in https://news.example.org/a", AlertEmailComposer.Subject(alert));
    }

    [Theory]
    [InlineData("abcdef", 1, 2, 3, 2, "a[bcde]f")]      // overlapping highlights merge
    [InlineData("abcdef", 4, 10, 0, 1, "[a]bcd[ef]")]   // out of order, and past the end: clamped
    [InlineData("abcdef", -3, 4, 6, 3, "[a]bcdef")]     // negative start clamped; empty at the end dropped
    public void Split_HighlightsWrapTheRightRanges(string text, int s1, int l1, int s2, int l2, string expected)
    {
        var parts = AlertEmailComposer.Split(new Snippet("body", text, [new Highlight(s1, l1), new Highlight(s2, l2)]));

        Assert.Equal(expected, string.Concat(parts.Select(p => p.Highlighted ? "[" + p.Text + "]" : p.Text)));
    }

    [Fact]
    public void Split_NeverCutsASurrogatePair()
    {
        var parts = AlertEmailComposer.Split(new Snippet("body", "a😀b", [new Highlight(2, 1)]));

        Assert.All(parts, p => Assert.False(p.Text.Length > 0 && char.IsHighSurrogate(p.Text[^1])));
        Assert.Equal("a😀b", string.Concat(parts.Select(p => p.Text)));
    }

    private static Alert Alert(string? title, string url) => new(
        "9f2c4e1a7b3d5f60", 1, "ceasefire", "ceasefire", "example-world", url, title,
        new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 9, 41, 12, TimeSpan.Zero),
        "en", [new TermMatch("ceasefire", "body", 1)],
        [new Snippet("body", "Officials said a ceasefire could be agreed.", [new Highlight(17, 9)])]);

    private static string Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
