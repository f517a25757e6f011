using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Delivery.Channels;

/// <summary>Alerts for the channel tests, a hostile one among them.</summary>
internal static class ChannelTestAlerts
{
    /// <summary>A title with markup, Slack and Teams syntax, CR/LF, a very long word and right-to-left text.</summary>
    public const string HostileTitle =
        "<script>alert(1)</script> & <!channel> <@U123|x> **bold** [click](https://evil.example/) {{DATE(2017-02-14T06:08:39Z,SHORT)}}\r\nX-Injected: yes\n"
        + "مرحبا بالعالم \u202Egnp.exe";

    /// <summary>A body sentence as hostile as the title, with a highlight.</summary>
    public const string HostileSentence = "Ceasefire <b>now</b> & then\r\n> quoted <https://evil.example|here> ";

    public static Alert Create(string ruleId = "ceasefire", string? title = "Truce agreed", string sourceId = "world", DateTimeOffset? at = null, string? storyId = null, string? sentence = null)
    {
        var url = new Uri($"https://{sourceId}.example.org/{Guid.NewGuid():N}");
        var text = sentence ?? "A ceasefire was agreed today.";
        var start = text.IndexOf("easefire", StringComparison.OrdinalIgnoreCase) - 1;
        return new Alert(
            AlertIds.Compute(ruleId, url), Alert.CurrentSchemaVersion, ruleId, "ceasefire", sourceId, url.AbsoluteUri, title,
            null, at ?? new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), "en", [new TermMatch("ceasefire", "body", 1)],
            [new Snippet("body", text, start >= 0 ? [new Highlight(start, 9)] : [])]) { StoryId = storyId };
    }

    public static Alert Hostile() =>
        Create(title: HostileTitle + new string('W', 5000), sentence: HostileSentence + new string('x', 4000));
}
