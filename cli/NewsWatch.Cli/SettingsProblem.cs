using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Cli;

/// <summary>
/// A setting (environment variable) that is wrong, found when the services are built: a value that does not convert
/// to its type, or one out of range. The message names the setting and what it takes.
/// </summary>
internal sealed partial class SettingsProblem : Exception
{
    public SettingsProblem(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The problem <paramref name="ex"/> (thrown while the options were built) says, or null when it is not about a setting.</summary>
    public static SettingsProblem? From(Exception ex)
    {
        switch (ex)
        {
            case OptionsValidationException invalid:
                var failures = invalid.Failures.Select(f => Keyed().Replace(f, m => $"{KeyOf(invalid.OptionsType, m.Groups[1].Value)}: ", 1));
                return new SettingsProblem($"newswatch: a setting is wrong: {string.Join(" ", failures)} Settings are environment variables (README, \"Settings\").", ex);
            case InvalidOperationException when Conversion().Match(ex.Message) is { Success: true } m:
                var key = m.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal);
                return new SettingsProblem(
                    $"newswatch: the setting {key} is '{m.Groups["value"].Value}', which is not {Expected(m.Groups["type"].Value)}. Settings are environment variables (README, \"Settings\").", ex);
            default:
                return ex.InnerException is { } inner ? From(inner) : null;
        }
    }

    /// <summary>The setting's name for a member of the options: Section__Member, or the flat name a member carries (NEWSWATCH_SMTP_PORT).</summary>
    private static string KeyOf(Type options, string member) =>
        options == typeof(ScanOptions) ? $"{ScanOptions.SectionName}__{member}"
        : options == typeof(FetchOptions) ? $"{FetchOptions.SectionName}__{member}"
        : options == typeof(SourceHealthOptions) ? $"{SourceHealthOptions.SectionName}__{member}"
        : options == typeof(SmtpOptions) ? FlatKey(typeof(SmtpOptions).GetProperty(member), member)
        : options == typeof(ChannelOptions) ? FlatKey(typeof(ChannelOptions).GetProperty(member), member)
        : options == typeof(OutageOptions) ? FlatKey(typeof(OutageOptions).GetProperty(member), member)
        : member;

    private static string FlatKey(PropertyInfo? property, string member) => property?.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? member;

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number (with a dot for decimals)",
        "System.TimeSpan" => "a time span (hh:mm:ss, e.g. 00:00:30)",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URL",
        _ => $"a {type}",
    };

    [GeneratedRegex("^(\\w+): ")]
    private static partial Regex Keyed();

    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex Conversion();
}
