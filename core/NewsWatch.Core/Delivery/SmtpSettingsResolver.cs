using System.Globalization;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>Merges the config's <c>smtp</c> section with the <c>NEWSWATCH_SMTP_*</c> settings (the settings win).</summary>
public static class SmtpSettingsResolver
{
    /// <summary>The settings that configure SMTP, for messages.</summary>
    public const string SettingNames =
        "NEWSWATCH_SMTP_HOST, NEWSWATCH_SMTP_PORT, NEWSWATCH_SMTP_TLS, NEWSWATCH_SMTP_FROM (and NEWSWATCH_SMTP_USER with NEWSWATCH_SMTP_PASSWORD when the server wants a login)";

    /// <summary>The settings in force; throws <see cref="ConfigException"/> naming what to set when host or sender is missing.</summary>
    public static SmtpConnection Resolve(SmtpSettings? section, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = Value(options.Host) ?? section?.Host;
        var from = Value(options.From) ?? section?.From;
        if (host is null || from is null)
        {
            var missing = host is null && from is null ? "no SMTP server and no sender are" : host is null ? "no SMTP server is" : "no sender address is";
            throw new ConfigException(
                $"Alert emails cannot be sent: {missing} configured. Set {SettingNames}, " +
                "or add \"smtp\": {\"host\", \"port\", \"tls\", \"from\"} to newswatch.json.");
        }

        var tls = Value(options.Tls) is { } text ? ParseTls(text) : section?.Tls ?? SmtpTlsMode.StartTls;
        var port = options.Port ?? section?.Port ?? tls switch
        {
            SmtpTlsMode.None => 25,
            SmtpTlsMode.Ssl => 465,
            _ => 587,
        };
        var user = Value(options.User) ?? Value(section?.User);
        return new SmtpConnection(host, port, tls, user, Value(options.Password), from);
    }

    private static SmtpTlsMode ParseTls(string text) => text.ToLowerInvariant() switch
    {
        "none" => SmtpTlsMode.None,
        "starttls" => SmtpTlsMode.StartTls,
        "ssl" => SmtpTlsMode.Ssl,
        _ => throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"NEWSWATCH_SMTP_TLS: '{text}' is not a mode: use none, starttls or ssl.")),
    };

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
