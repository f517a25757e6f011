using Microsoft.Extensions.Logging;

namespace NewsWatch.Core.Configuration;

/// <summary>
/// The config from a file, re-read when its size or write time changes. A changed file that fails validation is
/// refused with an error log; the last good config stays in force.
/// </summary>
public sealed partial class FileConfigProvider : INewsWatchConfigProvider
{
    private readonly string _path;
    private readonly ILogger<FileConfigProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime WriteTime, long Length)? _version;
    private NewsWatchConfig? _current;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public FileConfigProvider(string path, ILogger<FileConfigProvider> logger)
    {
        _path = Path.GetFullPath(path);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<NewsWatchConfig> GetConfigAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = new FileInfo(_path);
            (DateTime, long)? version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
            if (_current is not null && version == _version)
            {
                return _current;
            }

            try
            {
                _current = NewsWatchConfigReader.LoadFile(_path);
                _version = version;
                return _current;
            }
            catch (ConfigException ex) when (_current is not null)
            {
                _version = version;
                LogRefused(_logger, _path, ex.Message);
                return _current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {ConfigPath} changed but was refused; the last good config stays in force: {Reason}")]
    private static partial void LogRefused(ILogger logger, string configPath, string reason);
}
