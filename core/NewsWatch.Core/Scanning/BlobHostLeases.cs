using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// Host leases as blob leases on <c>leases/hosts/{host}</c>: 60 seconds, renewed every 20 while the scan runs, released
/// at its end. An instance that dies leaves a lease that lapses within a minute.
/// </summary>
public sealed partial class BlobHostLeases : IHostLeases
{
    /// <summary>The blob container of the lease blobs.</summary>
    public const string ContainerName = "leases";

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly ILogger<BlobHostLeases> _logger;
    private volatile bool _exists;

    public BlobHostLeases(BlobContainerClient container, TimeProvider time, ILogger<BlobHostLeases> logger)
    {
        _container = container;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string host, CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }

        var blob = _container.GetBlobClient("hosts/" + State.KeyEncoding.Safe(host));
        try
        {
            await blob.UploadAsync(BinaryData.FromString(host), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The blob is there already (and may be leased): fine.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }

        return new Held(this, lease, host);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobHostLeases _owner;
        private readonly BlobLeaseClient _lease;
        private readonly string _host;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Held(BlobHostLeases owner, BlobLeaseClient lease, string host)
        {
            _owner = owner;
            _lease = lease;
            _host = host;
            _renewing = RenewAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                LogReleaseFailed(_owner._logger, ex, _host); // It lapses within a minute by itself.
            }
        }

        private async Task RenewAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(RenewEvery, _owner._time, _stop.Token).ConfigureAwait(false);
                    await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (RequestFailedException ex)
                {
                    LogRenewFailed(_owner._logger, ex, _host);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scan lease of host {Host} could not be renewed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scan lease of host {Host} could not be released; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string host);
}
