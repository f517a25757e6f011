using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NewsWatch.Core.Fetching;

namespace NewsWatch.Core.Tests.Fetching;

public sealed class CharsetDecoderTests
{
    private const string Page = "<html><head><title>Hafen</title></head><body><p>Der Hafen öffnet wieder, sagte die Stadt.</p></body></html>";

    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("x-no-such-charset")]
    [InlineData("\"\"")]
    [InlineData("utf-8; q=1")]
    public void Decode_UnknownOrUnsupportedHeaderCharset_SniffsUtf8(string charset)
    {
        var logger = new FakeLogger();

        var text = CharsetDecoder.Decode(Encoding.UTF8.GetBytes(Page), charset, logger);

        Assert.Contains("öffnet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaDeclaresUtf7_SniffsAndLogs()
    {
        var logger = new FakeLogger();
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=utf-7></head><body><p>Hello +AGEAYgBj- öffnet</p></body></html>");

        var text = CharsetDecoder.Decode(bytes, null, logger);

        Assert.Contains("+AGEAYgBj- öffnet", text, StringComparison.Ordinal);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Message.Contains("utf-7", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16be")]
    [InlineData("utf-32")]
    [InlineData("ibm037")]
    [InlineData("ibm500")]
    public void Decode_HeaderLiesAboutAsciiPage_IsOverriddenAndLogged(string charset)
    {
        var logger = new FakeLogger();

        var text = CharsetDecoder.Decode(Encoding.UTF8.GetBytes(Page), charset, logger);

        Assert.Contains("Der Hafen öffnet wieder", text, StringComparison.Ordinal);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.Contains("overridden", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_RealUtf16WithoutBom_IsKept()
    {
        var text = CharsetDecoder.Decode(Encoding.Unicode.GetBytes(Page), "utf-16");

        Assert.Equal(Page, text);
    }

    [Fact]
    public void Decode_Windows1251Declared_IsKept()
    {
        var cp1251 = Encoding.GetEncoding(1251);
        var page = "<html><head><meta charset=windows-1251></head><body><p>Порт снова открыт</p></body></html>";

        var text = CharsetDecoder.Decode(cp1251.GetBytes(page), null);

        Assert.Contains("Порт снова открыт", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoDeclarationInvalidUtf8_ReadsWindows1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte, d\u00e9j\u00e0 vu, na\u00efve</p>");

        var text = CharsetDecoder.Decode(bytes, null);

        Assert.Contains("Café crème", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NulBytesAndGarbage_DoesNotThrow()
    {
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);

        var text = CharsetDecoder.Decode(bytes, "utf-32");

        Assert.NotNull(text);
    }
}
