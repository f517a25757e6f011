using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class SmtpSettingsResolverTests
{
    private static readonly SmtpSettings Section = new("smtp.example.org", 587, SmtpTlsMode.StartTls, "alerts", "alerts@example.org");

    [Fact]
    public void Resolve_OnlySection_UsesItWithPasswordFromSettings()
    {
        var smtp = SmtpSettingsResolver.Resolve(Section, new SmtpOptions { Password = "s3cret" });

        Assert.Equal(new SmtpConnection("smtp.example.org", 587, SmtpTlsMode.StartTls, "alerts", "s3cret", "alerts@example.org"), smtp);
        Assert.DoesNotContain("s3cret", smtp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SettingsOverrideSection_EmptySettingsDoNot()
    {
        var smtp = SmtpSettingsResolver.Resolve(Section, new SmtpOptions { Host = "127.0.0.1", Port = 2525, Tls = "NONE", User = "", From = " " });

        Assert.Equal(new SmtpConnection("127.0.0.1", 2525, SmtpTlsMode.None, "alerts", null, "alerts@example.org"), smtp);
    }

    [Theory]
    [InlineData("none", 25)]
    [InlineData("starttls", 587)]
    [InlineData("ssl", 465)]
    public void Resolve_NoPort_DefaultsByTlsMode(string tls, int port)
    {
        var smtp = SmtpSettingsResolver.Resolve(null, new SmtpOptions { Host = "mail", From = "a@example.org", Tls = tls });

        Assert.Equal(port, smtp.Port);
    }

    [Fact]
    public void Resolve_NothingConfigured_NamesTheSettings()
    {
        var ex = Assert.Throws<ConfigException>(() => SmtpSettingsResolver.Resolve(null, new SmtpOptions()));

        Assert.Contains("NEWSWATCH_SMTP_HOST", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NEWSWATCH_SMTP_FROM", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"smtp\"", ex.Message, StringComparison.Ordinal);
    }
}
