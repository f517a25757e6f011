using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Scanning;

/// <summary>Scans one source on its own: a <see cref="HostScanner"/> scan of its host with just that source.</summary>
public sealed class SourceScanner : ISourceScanner
{
    private readonly HostScanner _host;

    public SourceScanner(HostScanner host) => _host = host;

    /// <inheritdoc />
    public async Task<ScanResult> ScanAsync(Source source, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var results = await _host.ScanAsync(HostKey.Of(source.Url), [source], rules, null, cancellationToken).ConfigureAwait(false);
        return results[0];
    }
}
