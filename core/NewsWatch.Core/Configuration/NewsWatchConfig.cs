using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Configuration;

/// <summary>What the app runs on: <c>newswatch.json</c>, read and checked by <see cref="NewsWatchConfigReader"/>.</summary>
public sealed record NewsWatchConfig(
    IReadOnlyList<Source> Sources,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyList<Subscriber> Subscribers,
    SmtpSettings? Smtp,
    FetchSettings? Fetch = null)
{
    /// <summary>The source with this id, or null.</summary>
    public Source? FindSource(string sourceId) => Sources.FirstOrDefault(s => s.Id == sourceId);
}

/// <summary>Someone who gets alert emails: for the listed rule ids, or every rule with <c>"*"</c>.</summary>
public sealed record Subscriber(string Email, IReadOnlyList<string> Rules)
{
    /// <summary>True when this subscriber wants alerts of <paramref name="ruleId"/>.</summary>
    public bool Wants(string ruleId) => Rules.Contains("*") || Rules.Contains(ruleId);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text (a local test server).</summary>
    None,
    /// <summary>Plain, then STARTTLS (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}

/// <summary>The <c>smtp</c> section. The password never sits in the file: it is the setting <c>NEWSWATCH_SMTP_PASSWORD</c>.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpTlsMode Tls, string? User, string From);
