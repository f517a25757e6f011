using System.ComponentModel.DataAnnotations;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// When a source counts as failing and how soon a failing one is tried again (section <c>Health</c>, e.g.
/// <c>Health__FailingAfterMinutes</c>). The defaults are the product's; tests shorten them.
/// </summary>
public sealed class SourceHealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>A source whose scans have failed for this long (since its last success) is flagged failing and its operators are told. Default 360 (6 hours).</summary>
    [Range(0.01, 10080.0)]
    public double FailingAfterMinutes { get; set; } = SourceStatus.FailingAfter.TotalMinutes;

    /// <summary>The first wait before a failing source is tried again (from its second failure in a row), doubling each time, at most 2 hours. Default 5.</summary>
    [Range(0.01, 120.0)]
    public double RetryBackoffMinutes { get; set; } = SourceHealthUpdate.FirstBackoff.TotalMinutes;

    /// <summary><see cref="FailingAfterMinutes"/> as a time span.</summary>
    public TimeSpan FailingAfter => TimeSpan.FromMinutes(FailingAfterMinutes);

    /// <summary><see cref="RetryBackoffMinutes"/> as a time span.</summary>
    public TimeSpan RetryBackoff => TimeSpan.FromMinutes(RetryBackoffMinutes);
}
