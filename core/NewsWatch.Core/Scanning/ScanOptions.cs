using System.ComponentModel.DataAnnotations;

namespace NewsWatch.Core.Scanning;

/// <summary>Settings of the scan loop (section <c>Scan</c>, e.g. <c>Scan__MemoryBudgetMB</c>).</summary>
public sealed class ScanOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scan";

    /// <summary>
    /// Hosts scanned at once by one process (each host at its own politeness limits). A host's scan mostly waits for its
    /// turn at the host, and the pages being parsed are bounded process-wide (<see cref="MemoryBudgetMB"/>), so the
    /// default lets every host of a large config run side by side. Default 256.
    /// </summary>
    [Range(1, 4096)]
    public int HostParallelism { get; set; } = 256;

    /// <summary>Articles of one host processed at once (the fetcher's per-host limits still apply). Default 4.</summary>
    [Range(1, 64)]
    public int ArticleParallelism { get; set; } = 4;

    /// <summary>
    /// Memory that pages being parsed may take at once in this process, in MB (a page is reckoned at 60 bytes per
    /// character of HTML, at least 8 MB); a page larger than the whole budget runs alone. Default 1,200 (a 2 GB instance).
    /// </summary>
    [Range(64, 65536)]
    public int MemoryBudgetMB { get; set; } = 1200;

    /// <summary>The longest one host's scan takes new work, in seconds; what is left waits for the next cycle. Default 240.</summary>
    [Range(5, 3600)]
    public int HostBudgetSeconds { get; set; } = 240;
}
