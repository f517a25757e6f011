using System.Buffers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// A page as the parser gets it (<see cref="MarkupScanner.Prepare"/>): the page itself, or a copy without its script and
/// style content in a pooled buffer, which goes back to the pool on <see cref="Dispose"/>. A page's copy is large (often
/// past the large-object threshold), so a fresh string per page would be zeroed and faulted in every time.
/// Dispose it only after the document parsed from it: the document may read its text from the buffer.
/// </summary>
internal sealed class PreparedMarkup : IDisposable
{
    private readonly string? _page;
    private char[]? _rented;

    /// <summary>The page unchanged.</summary>
    public PreparedMarkup(string page)
    {
        _page = page;
        Length = page.Length;
    }

    /// <summary>A copy of the page in <paramref name="rented"/> (from <see cref="ArrayPool{T}.Shared"/>), of <paramref name="length"/> characters.</summary>
    public PreparedMarkup(char[] rented, int length)
    {
        _rented = rented;
        Length = length;
    }

    /// <summary>Characters the parser gets.</summary>
    public int Length { get; }

    /// <summary>Parses the markup.</summary>
    public IHtmlDocument Parse(HtmlParser parser)
    {
        ObjectDisposedException.ThrowIf(_page is null && _rented is null, this);
        return _rented is null ? parser.ParseDocument(_page!) : parser.ParseDocument(_rented, Length);
    }

    /// <summary>The markup as a string (for tests and diagnostics).</summary>
    public override string ToString() => _rented is null ? _page ?? string.Empty : new string(_rented, 0, Length);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
