using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Delivery;

/// <summary>Skips a test when Debian's <c>chromium</c> is not installed (build/install-test-deps.sh installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (EmailRenderingTests.Chromium is null)
        {
            Skip = "skipped: chromium is not installed (run build/install-test-deps.sh as root, or apt-get install -y chromium)";
        }
    }
}

/// <summary>
/// The HTML of digests and alert emails, with hostile titles and bodies (markup, CR/LF, very long words, right-to-left
/// text), rendered by headless Chromium at phone and desktop widths: no horizontal scroll, a screenshot in the test
/// output folder. Plus the checks that need no browser: escaping, dark-mode colour scheme, complete plain text.
/// </summary>
public sealed partial class EmailRenderingTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The chromium executable, or null.</summary>
    public static string? Chromium { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private static IReadOnlyList<Alert> HostileAlerts()
    {
        var longWord = new string('W', 400);
        Alert Make(string source, string title, string text, string? story, int minutes) => new(
            "a" + minutes.ToString("D15", CultureInfo.InvariantCulture), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", source,
            $"https://{source}.example.org/{longWord}", title, null, new DateTimeOffset(2026, 11, 25, 9, minutes, 0, TimeSpan.Zero), "en",
            [new TermMatch("ceasefire", "body", 1)], [new Snippet("body", text, [new Highlight(text.IndexOf("ceasefire", StringComparison.Ordinal), 9)])])
        { StoryId = story };
        return
        [
            Make("wire-a", "<script>alert(1)</script>\r\nBcc: victim@example.org " + longWord, "<img src=x onerror=alert(1)> a ceasefire " + longWord, "s1", 1),
            Make("wire-b", "وقف إطلاق النار في غزة ceasefire", "قال المسؤولون إن ceasefire ممكن", "s1", 2),
            Make("local", "Plain title", "The ceasefire holds.\r\nSecond line.", null, 3),
        ];
    }

    [Fact]
    public void DigestBodies_HostileInput_EscapedDarkModeSafeAndPlainTextComplete()
    {
        var alerts = HostileAlerts();

        var (text, html) = DigestComposer.Bodies(alerts, held: 1, Berlin, new Uri("https://app.example.net/api/unsubscribe?token=a.b"));

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("content=\"light dark\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("background", html, StringComparison.OrdinalIgnoreCase); // no fixed background to clash with dark mode
        Assert.DoesNotMatch(ColorRule(), html); // text colour left to the client, so dark mode inverts it
        Assert.Contains("overflow-wrap: anywhere", html, StringComparison.Ordinal);
        foreach (var alert in alerts)
        {
            Assert.Contains(alert.SourceId, text, StringComparison.Ordinal);
        }

        Assert.Contains("2026-11-25 10:03 (UTC+01:00)", text, StringComparison.Ordinal);
        Assert.Contains("Also reported by:", text, StringComparison.Ordinal);
        Assert.Contains("1 of these was held back", text, StringComparison.Ordinal);
        Assert.Contains("https://app.example.net/api/unsubscribe?token=a.b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestCompose_HostileTitles_NeverReachAHeader()
    {
        var composer = new DigestComposer(TimeProvider.System);
        var subscriber = new NewsWatch.Core.Configuration.Subscriber("reader@example.org", ["*"]) { TimeZone = Berlin };

        using var message = composer.Compose("digest-1", HostileAlerts(), 0, subscriber, "newswatch@example.org", null);

        foreach (var header in message.Headers)
        {
            Assert.DoesNotContain('\r', header.Value);
            Assert.DoesNotContain('\n', header.Value);
            Assert.DoesNotContain("<script>", header.Value, StringComparison.Ordinal);
        }

        Assert.Empty(message.Bcc);
    }

    [ChromiumFact]
    public async Task DigestHtml_PhoneAndDesktop_NoHorizontalScroll()
    {
        var (_, html) = DigestComposer.Bodies(HostileAlerts(), held: 1, Berlin, null);
        var alertHtml = AlertEmailComposer.HtmlBody(HostileAlerts()[0]);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "email-screenshots")).FullName;
        foreach (var (name, page) in new[] { ("digest", html), ("alert", alertHtml) })
        {
            foreach (var width in new[] { 375, 1280 })
            {
                var path = Path.Combine(folder, $"{name}-{width}.html");
                // Test-only probe: the page reports its scroll width in the title once laid out.
                await File.WriteAllTextAsync(path, page.Replace("</body>", "<script>document.title='sw='+document.documentElement.scrollWidth+';vw='+window.innerWidth;</script></body>", StringComparison.Ordinal));
                var dom = await RunChromiumAsync("--dump-dom", $"--window-size={width},900", new Uri(path).AbsoluteUri);
                await RunChromiumAsync($"--screenshot={Path.Combine(folder, $"{name}-{width}.png")}", $"--window-size={width},1600", new Uri(path).AbsoluteUri);
                var match = Probe().Match(dom);
                Assert.True(match.Success, $"{name} at {width}px: no probe in the DOM");
                var scrollWidth = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var viewport = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                Assert.True(scrollWidth <= viewport, $"{name} at {width}px scrolls sideways: scrollWidth {scrollWidth} > {viewport}");
            }
        }
    }

    private static async Task<string> RunChromiumAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Chromium!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=2000" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return await output;
    }

    [GeneratedRegex(@"sw=(\d+);vw=(\d+)")]
    private static partial Regex Probe();

    [GeneratedRegex(@"[^-]color\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ColorRule();
}
