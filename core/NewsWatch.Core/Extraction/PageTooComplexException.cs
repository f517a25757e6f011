namespace NewsWatch.Core.Extraction;

/// <summary>A page that cannot be processed within its time and memory budget: the scan records it as <c>TooComplex</c>.</summary>
public sealed class PageTooComplexException : Exception
{
    public PageTooComplexException()
    {
    }

    public PageTooComplexException(string message)
        : base(message)
    {
    }

    public PageTooComplexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
