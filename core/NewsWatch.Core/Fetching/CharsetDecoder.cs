using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Decodes a fetched body: the byte order mark first, then the Content-Type header's charset, then an XML declaration's
/// encoding or a <c>&lt;meta charset&gt;</c> / <c>&lt;meta http-equiv="content-type"&gt;</c> within the first 4 KB, else
/// sniffing (UTF-8 when the bytes are UTF-8, else windows-1252). The legacy code pages (windows-1251, shift_jis, euc-kr,
/// iso-8859-x, ...) are registered on first use. Never throws for a charset name: an unknown or unsupported name (utf-7)
/// falls back to sniffing, and a declared charset that the bytes contradict (UTF-16, UTF-32 or EBCDIC declared on a page
/// whose markup is ASCII; a reading that is mostly replacement characters or NULs where another is text) is overridden.
/// Both are logged.
/// </summary>
internal static partial class CharsetDecoder
{
    /// <summary>How much of the body is searched for a declared charset.</summary>
    public const int SniffLength = 4096;

    /// <summary>How much decoded text is checked for replacement characters and NULs.</summary>
    private const int GarbleSample = 65536;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Windows1252;

    static CharsetDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Decodes <paramref name="bytes"/> as described on the class.</summary>
    /// <param name="bytes">The body.</param>
    /// <param name="headerCharset">The charset parameter of the Content-Type header, if any.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? headerCharset) => Decode(bytes, headerCharset, NullLogger.Instance);

    /// <summary>Decodes <paramref name="bytes"/> as described on the class, logging fallbacks and overrides.</summary>
    /// <param name="bytes">The body.</param>
    /// <param name="headerCharset">The charset parameter of the Content-Type header, if any.</param>
    /// <param name="logger">Where a charset that is unknown or overridden is reported.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? headerCharset, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var encoding = Detect(bytes, headerCharset, logger, out var preambleLength);
        return encoding.GetString(bytes[preambleLength..]);
    }

    /// <summary>The encoding <see cref="Decode(ReadOnlySpan{byte}, string?)"/> uses, and the length of the byte order mark to skip.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, string? headerCharset, out int preambleLength) =>
        Detect(bytes, headerCharset, NullLogger.Instance, out preambleLength);

    /// <summary>The encoding <see cref="Decode(ReadOnlySpan{byte}, string?, ILogger)"/> uses, and the length of the byte order mark to skip.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, string? headerCharset, ILogger logger, out int preambleLength)
    {
        var bom = FromByteOrderMark(bytes, out preambleLength);
        if (bom is not null)
        {
            return bom;
        }

        var declared = Declared(bytes, headerCharset, logger, out var label, out var source);
        if (declared is null)
        {
            return Sniff(bytes, skipDeclaration: false);
        }

        if (!IsAsciiCompatible(declared) && HeadIsAscii(bytes))
        {
            var sniffed = Sniff(bytes, skipDeclaration: source == "meta");
            LogOverridden(logger, label!, source, sniffed.WebName, "the markup is ASCII");
            return sniffed;
        }

        if (Garbled(declared, bytes))
        {
            var sniffed = Sniff(bytes, skipDeclaration: true);
            if (!sniffed.Equals(declared) && !Garbled(sniffed, bytes))
            {
                LogOverridden(logger, label!, source, sniffed.WebName, "it reads as replacement characters or NULs");
                return sniffed;
            }
        }

        return declared;
    }

    /// <summary>Looks an encoding up by its label; null when the label is unknown or unsupported. Latin-1 labels mean windows-1252, as browsers read them.</summary>
    public static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64)
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

        // UTF-7 is not a web encoding (and .NET refuses it): a page that declares it is sniffed instead.
        if (label is "utf-7" or "utf7" or "x-unicode-1-1-utf-7" or "unicode-1-1-utf-7" or "csunicode11utf7")
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(label);
            return encoding.CodePage == Encoding.UTF8.CodePage ? Utf8 : encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? Declared(ReadOnlySpan<byte> bytes, string? headerCharset, ILogger logger, out string? label, out string source)
    {
        source = "header";
        label = headerCharset;
        if (!string.IsNullOrWhiteSpace(headerCharset))
        {
            if (FromName(headerCharset) is { } fromHeader)
            {
                return fromHeader;
            }

            LogUnknown(logger, Printable(headerCharset), source);
        }

        source = "meta";
        label = DeclarationLabel(bytes);
        if (label is null)
        {
            return null;
        }

        if (FromName(label) is { } fromMeta)
        {
            return fromMeta;
        }

        LogUnknown(logger, Printable(label), source);
        return null;
    }

    /// <summary>No declaration to trust: a declaration in the markup (unless it was the one rejected), else UTF-8 when the bytes are mostly UTF-8, else windows-1252.</summary>
    private static Encoding Sniff(ReadOnlySpan<byte> bytes, bool skipDeclaration)
    {
        if (!skipDeclaration && FromName(DeclarationLabel(bytes)) is { } meta && IsAsciiCompatible(meta))
        {
            return meta;
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes) || !Garbled(Utf8, bytes, threshold: 0.01))
        {
            return Utf8;
        }

        return Windows1252;
    }

    private static string? DeclarationLabel(ReadOnlySpan<byte> bytes)
    {
        // Every label sits in ASCII, so Latin-1 gives a faithful view of the head whatever the real encoding.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, SniffLength)]);
        var match = XmlDeclarationRegex().Match(head);
        if (!match.Success)
        {
            match = MetaCharsetRegex().Match(head);
        }

        return match.Success ? match.Groups["charset"].Value : null;
    }

    /// <summary>Whether the encoding writes markup ("&lt;html") as ASCII does; UTF-16, UTF-32 and EBCDIC do not.</summary>
    private static bool IsAsciiCompatible(Encoding encoding)
    {
        ReadOnlySpan<byte> ascii = "<html lang=\"en\">"u8;
        try
        {
            return encoding.GetBytes("<html lang=\"en\">").AsSpan().SequenceEqual(ascii);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The head of the body is printable ASCII with markup in it: no NULs, at least one tag.</summary>
    private static bool HeadIsAscii(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        if (head.Length == 0 || head.IndexOf((byte)'<') < 0)
        {
            return false;
        }

        var printable = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return false;
            }

            if (b is >= 0x20 and < 0x7F or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                printable++;
            }
        }

        return printable >= 0.9 * head.Length;
    }

    /// <summary>Whether a sample decoded with <paramref name="encoding"/> is more than <paramref name="threshold"/> replacement characters, NULs or control characters.</summary>
    private static bool Garbled(Encoding encoding, ReadOnlySpan<byte> bytes, double threshold = 0.05)
    {
        var sample = encoding.GetString(bytes[..Math.Min(bytes.Length, GarbleSample)]);
        if (sample.Length == 0)
        {
            return false;
        }

        var bad = 0;
        foreach (var c in sample)
        {
            if (c == '\uFFFD' || (c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f')))
            {
                bad++;
            }
        }

        return bad > threshold * sample.Length;
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

    private static string Printable(string label) =>
        new(label.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Charset '{Charset}' (from the {Source}) is unknown or unsupported; sniffing the encoding instead")]
    private static partial void LogUnknown(ILogger logger, string charset, string source);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Charset '{Charset}' (from the {Source}) overridden by {Encoding}: {Reason}")]
    private static partial void LogOverridden(ILogger logger, string charset, string source, string encoding, string reason);

    [GeneratedRegex("""^\s*<\?xml[^>]*?\bencoding\s*=\s*["'](?<charset>[A-Za-z0-9._:-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationRegex();

    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetRegex();
}
