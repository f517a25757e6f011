using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// JSON of channel posts: the storage contract's options (camelCase, UTC times), with an encoder that escapes the
/// HTML-sensitive characters (<c>&lt; &gt; &amp; ' + `</c>) as <c>\uXXXX</c>, so that a receiver pasting a value into a
/// page cannot be handed markup; CR, LF and every control character are escaped by JSON itself. Text of any script
/// stays readable.
/// </summary>
internal static class ChannelJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options.TypeInfo<JsonNode>());

    /// <summary>An alert as the storage contract writes it, as a node.</summary>
    public static JsonNode Alert(Alert alert) => JsonSerializer.SerializeToNode(alert, Options.TypeInfo<Alert>())!;

    /// <summary>
    /// Page-supplied text on one line for a chat message: control characters and line separators become spaces,
    /// the length is capped, and <c>{{</c> (the Adaptive Card date-function syntax) is broken up.
    /// </summary>
    public static string Line(string? text, int maxLength) =>
        MailText.OneLine(WithoutBidiControls(text), maxLength).Replace("{{", "{\u200B{", StringComparison.Ordinal);

    /// <summary>
    /// Removes the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), with which page text
    /// could reorder what follows it in a chat message (<c>gnp.exe</c> shown as <c>exe.png</c>); right-to-left letters stay.
    /// </summary>
    public static string WithoutBidiControls(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAnyInRange('\u202A', '\u202E') && !text.AsSpan().ContainsAnyInRange('\u2066', '\u2069'))
        {
            return text ?? string.Empty;
        }

        return string.Concat(text.Where(c => c is not (>= '\u202A' and <= '\u202E') and not (>= '\u2066' and <= '\u2069')));
    }

    /// <summary>
    /// A piece of a sentence (its spaces kept, so that pieces join up): control characters and line separators become
    /// spaces, runs of spaces collapse, the length is capped, <c>{{</c> is broken up.
    /// </summary>
    public static string Inline(string text, int maxLength)
    {
        var result = new System.Text.StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in WithoutBidiControls(text))
        {
            var ch = char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c;
            if (ch == ' ' && result.Length > 0 && result[^1] == ' ')
            {
                continue;
            }

            result.Append(ch);
        }

        var inline = result.Length <= maxLength ? result.ToString() : result.ToString(0, Math.Max(0, maxLength - 1)) + "…";
        return inline.Replace("{{", "{\u200B{", StringComparison.Ordinal);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(AlertJson.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        options.MakeReadOnly();
        return options;
    }
}
