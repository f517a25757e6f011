namespace NewsWatch.Core.Extraction;

/// <summary>Per-element text measures, computed once per page.</summary>
/// <param name="TextLength">Non-whitespace characters of text below the element.</param>
/// <param name="LinkLength">Non-whitespace characters of that text that sit inside links.</param>
/// <param name="Commas">Commas (Latin and CJK) in that text.</param>
internal readonly record struct NodeStats(int TextLength, int LinkLength, int Commas)
{
    /// <summary>The share of the text that is link text, 0 when there is no text.</summary>
    public double LinkDensity => TextLength == 0 ? 0 : (double)LinkLength / TextLength;
}
