using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// SMTP settings from app settings or environment variables. Flat names, so that they read the same on every host.
/// Each one that is set overrides the <c>smtp</c> section of <c>newswatch.json</c>; the password exists only here
/// (Key Vault fills <c>NEWSWATCH_SMTP_PASSWORD</c> in Azure). An empty value counts as unset.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The options sit at the configuration root (flat names): there is no section.</summary>
    public const string SectionName = "";

    /// <summary><c>NEWSWATCH_SMTP_HOST</c>: the SMTP server. Default: the config's <c>smtp.host</c>.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_HOST")]
    public string? Host { get; set; }

    /// <summary>
    /// <c>NEWSWATCH_SMTP_PORT</c>: the server's port. Default: the config's <c>smtp.port</c>, else 25, 587 or 465 for
    /// TLS none, starttls or ssl.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_PORT")]
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary><c>NEWSWATCH_SMTP_TLS</c>: <c>none</c>, <c>starttls</c> or <c>ssl</c>. Default: the config's <c>smtp.tls</c>, else <c>starttls</c>.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_TLS")]
    [RegularExpression("^(?i:none|starttls|ssl)$", ErrorMessage = "NEWSWATCH_SMTP_TLS must be none, starttls or ssl.")]
    public string? Tls { get; set; }

    /// <summary><c>NEWSWATCH_SMTP_USER</c>: the user to authenticate as. Default: the config's <c>smtp.user</c>, else no authentication.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_USER")]
    public string? User { get; set; }

    /// <summary><c>NEWSWATCH_SMTP_PASSWORD</c>: the password (never in the config file, never logged). Default: none.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_PASSWORD")]
    public string? Password { get; set; }

    /// <summary><c>NEWSWATCH_SMTP_FROM</c>: the sender address. Default: the config's <c>smtp.from</c>.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_FROM")]
    [RegularExpression(@"^[^@\s]+@[^@\s]+$", ErrorMessage = "NEWSWATCH_SMTP_FROM must be an email address.")]
    public string? From { get; set; }

    /// <summary><c>NEWSWATCH_SMTP_TIMEOUT</c>: the timeout of each SMTP operation (connect, command, data). Default 30 seconds.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_TIMEOUT")]
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>NEWSWATCH_SMTP_RETRIES</c>: retries of a send after a transient failure, before the queue's own retry. Default 3.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_RETRIES")]
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary><c>NEWSWATCH_SMTP_RETRY_DELAY</c>: the first retry's delay; later ones back off exponentially, with jitter. Default 2 seconds.</summary>
    [ConfigurationKeyName("NEWSWATCH_SMTP_RETRY_DELAY")]
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
