using System.Text;
using System.Text.RegularExpressions;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Decodes a fetched body: the byte order mark first, then the Content-Type header's charset, then an XML declaration's
/// encoding or a <c>&lt;meta charset&gt;</c> / <c>&lt;meta http-equiv="content-type"&gt;</c> within the first 4 KB, else UTF-8.
/// The legacy code pages (windows-1251, shift_jis, euc-kr, iso-8859-x, ...) are registered on first use.
/// </summary>
internal static partial class CharsetDecoder
{
    /// <summary>How much of the body is searched for a declared charset.</summary>
    public const int SniffLength = 4096;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/> as described on the class.</summary>
    /// <param name="bytes">The body.</param>
    /// <param name="headerCharset">The charset parameter of the Content-Type header, if any.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? headerCharset)
    {
        var encoding = Detect(bytes, headerCharset, out var preambleLength);
        return encoding.GetString(bytes[preambleLength..]);
    }

    /// <summary>The encoding <see cref="Decode"/> uses, and the length of the byte order mark to skip.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, string? headerCharset, out int preambleLength)
    {
        var bom = FromByteOrderMark(bytes, out preambleLength);
        if (bom is not null)
        {
            return bom;
        }

        return FromName(headerCharset) ?? FromDeclaration(bytes) ?? Utf8;
    }

    /// <summary>Looks an encoding up by its label; null when the label is unknown. Latin-1 labels mean windows-1252, as browsers read them.</summary>
    public static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var label = name.Trim().Trim('"', '\'').ToLowerInvariant();
        label = label switch
        {
            "iso-8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso8859-1" => "windows-1252",
            "utf8" => "utf-8",
            "x-sjis" or "sjis" => "shift_jis",
            _ => label,
        };

        try
        {
            var encoding = Encoding.GetEncoding(label);
            return encoding.CodePage == Encoding.UTF8.CodePage ? Utf8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> bytes, out int length)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            length = 3;
            return Utf8;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            length = 4;
            return Encoding.UTF32;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            length = 2;
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            length = 2;
            return Encoding.BigEndianUnicode;
        }

        length = 0;
        return null;
    }

    private static Encoding? FromDeclaration(ReadOnlySpan<byte> bytes)
    {
        // Every label sits in ASCII, so Latin-1 gives a faithful view of the head whatever the real encoding.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, SniffLength)]);
        var match = XmlDeclarationRegex().Match(head);
        if (!match.Success)
        {
            match = MetaCharsetRegex().Match(head);
        }

        if (!match.Success)
        {
            return null;
        }

        var encoding = FromName(match.Groups["charset"].Value);

        // A document whose head reads as ASCII is not UTF-16 or UTF-32, whatever it says (as the HTML standard rules).
        return encoding is UnicodeEncoding or UTF32Encoding ? Utf8 : encoding;
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*?\bencoding\s*=\s*["'](?<charset>[A-Za-z0-9._:-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationRegex();

    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetRegex();
}
