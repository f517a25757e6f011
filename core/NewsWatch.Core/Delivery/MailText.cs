using System.Net;
using System.Text;

namespace NewsWatch.Core.Delivery;

/// <summary>Text made safe for emails: one line for headers (no control characters), HTML-escaped for bodies.</summary>
internal static class MailText
{
    /// <summary>Replaces every control character (CR, LF, tab, ...) and line separator by a space, collapses runs, caps the length.</summary>
    public static string OneLine(string? text, int maxLength = int.MaxValue)
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

        var line = result.ToString().Trim();
        return line.Length <= maxLength ? line : line[..(maxLength - 1)] + "…";
    }

    /// <summary>HTML-escapes text for element content and double-quoted attribute values alike.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
