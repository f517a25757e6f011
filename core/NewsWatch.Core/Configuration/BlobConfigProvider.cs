using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace NewsWatch.Core.Configuration;

/// <summary>
/// The config from blob <c>config/newswatch.json</c>, re-read when its ETag changes (checked at most every
/// <see cref="RecheckInterval"/>). A new version that fails validation is refused with an error log and the last good
/// config stays in force. Each good version is also copied to <c>config/newswatch.last-good.json</c>, so that an instance
/// that starts while the config blob is bad starts with the last good config (and logs why) instead of failing.
/// </summary>
public sealed partial class BlobConfigProvider : INewsWatchConfigProvider
{
    /// <summary>The copy of the last config that passed validation, beside the config blob.</summary>
    public const string LastGoodBlobName = "newswatch.last-good.json";

    /// <summary>How often the blob's ETag is checked.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private readonly BlobClient _blob;
    private readonly TimeProvider _time;
    private readonly ILogger<BlobConfigProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ETag? _etag;
    private DateTimeOffset _checkedAt;
    private NewsWatchConfig? _current;

    /// <summary>Reads <paramref name="blob"/>.</summary>
    public BlobConfigProvider(BlobClient blob, TimeProvider time, ILogger<BlobConfigProvider> logger)
    {
        _blob = blob;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<NewsWatchConfig> GetConfigAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_current is not null && now - _checkedAt < RecheckInterval)
            {
                return _current;
            }

            var origin = $"blob {_blob.BlobContainerName}/{_blob.Name}";
            try
            {
                var conditions = _etag is { } etag && _current is not null ? new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = etag } : null;
                var response = await _blob.DownloadContentAsync(new Azure.Storage.Blobs.Models.BlobDownloadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                _checkedAt = now;
                if (response.GetRawResponse().Status == 304)
                {
                    return _current!;
                }

                NewsWatchConfig config;
                try
                {
                    config = NewsWatchConfigReader.Parse(response.Value.Content.ToString(), origin, baseDirectory: null);
                }
                catch (ConfigException ex) when (_current is null)
                {
                    // Starting while the blob is bad: start with the last good copy rather than not at all.
                    var lastGood = await ReadLastGoodAsync(cancellationToken).ConfigureAwait(false);
                    if (lastGood is null)
                    {
                        throw;
                    }

                    _current = lastGood;
                    _checkedAt = now;
                    _etag = response.Value.Details.ETag;
                    LogStartedWithLastGood(_logger, origin, ex.Message);
                    return _current;
                }

                _current = config;
                _etag = response.Value.Details.ETag;
                await SaveLastGoodAsync(response.Value.Content, cancellationToken).ConfigureAwait(false);
                return config;
            }
            catch (RequestFailedException ex) when (ex.Status == 304 && _current is not null)
            {
                _checkedAt = now;
                return _current;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && _current is null)
            {
                throw new ConfigException($"{origin} does not exist: upload newswatch.json there, or set NEWSWATCH_CONFIG to a file.", ex);
            }
            catch (Exception ex) when (ex is ConfigException or RequestFailedException && _current is not null)
            {
                _checkedAt = now;
                LogRefused(_logger, origin, ex.Message);
                return _current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private BlobClient LastGoodBlob() => _blob.GetParentBlobContainerClient().GetBlobClient(LastGoodBlobName);

    private async Task SaveLastGoodAsync(BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            await LastGoodBlob().UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            LogLastGoodNotSaved(_logger, ex.Message); // The config is in force all the same; only a restart loses it.
        }
    }

    private async Task<NewsWatchConfig?> ReadLastGoodAsync(CancellationToken cancellationToken)
    {
        try
        {
            var blob = LastGoodBlob();
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return NewsWatchConfigReader.Parse(content.Value.Content.ToString(), $"blob {blob.BlobContainerName}/{blob.Name}", baseDirectory: null);
        }
        catch (Exception ex) when (ex is RequestFailedException or ConfigException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {ConfigOrigin} is refused; starting with the last good config saved beside it: {Reason}")]
    private static partial void LogStartedWithLastGood(ILogger logger, string configOrigin, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last good config could not be saved: {Reason}")]
    private static partial void LogLastGoodNotSaved(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {ConfigOrigin} could not be used; the last good config stays in force: {Reason}")]
    private static partial void LogRefused(ILogger logger, string configOrigin, string reason);
}
