using System.Net;

namespace NewsWatch.Core.Fetching;

/// <summary>A response body in a temporary file (deleted when closed); the fetcher detaches the file to hand it on.</summary>
internal sealed class SpooledContent(FileStream file) : HttpContent
{
    private FileStream? _file = file;

    /// <summary>Takes the file (at position 0) out of the content: the caller disposes it.</summary>
    public Stream Detach()
    {
        var file = _file ?? throw new InvalidOperationException("The body was already taken.");
        _file = null;
        file.Position = 0;
        return file;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        (_file ?? throw new InvalidOperationException("The body was taken.")).CopyToAsync(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(_file ?? throw new InvalidOperationException("The body was taken."));

    protected override bool TryComputeLength(out long length)
    {
        length = _file?.Length ?? 0;
        return _file is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
            _file = null;
        }

        base.Dispose(disposing);
    }
}
