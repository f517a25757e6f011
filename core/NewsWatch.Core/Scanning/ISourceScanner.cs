using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Scanning;

/// <summary>One scan of one source: listing → new links → articles → matches → alerts. Failures are values in the result.</summary>
public interface ISourceScanner
{
    /// <summary>Scans <paramref name="source"/> with <paramref name="rules"/>, recording seen URLs and the source's health.</summary>
    Task<ScanResult> ScanAsync(Source source, RuleSet rules, CancellationToken cancellationToken);
}
