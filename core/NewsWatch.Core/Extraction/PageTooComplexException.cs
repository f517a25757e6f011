namespace NewsWatch.Core.Extraction;

/// <summary>
/// The page cannot be extracted within the limits of <see cref="ExtractionOptions"/> (element depth or count,
/// or the time budget). A per-page outcome: the scanner records the page as too complex and moves on.
/// </summary>
public sealed class PageTooComplexException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PageTooComplexException()
    {
    }

    /// <summary>Creates the exception with a message naming the limit that was hit.</summary>
    public PageTooComplexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the limit.</summary>
    public PageTooComplexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
