namespace NewsWatch.Testing;

/// <summary>The Functions host exited before it logged <c>Host started</c>; the message holds its output.</summary>
public sealed class FunctionsHostExitedException : InvalidOperationException
{
    /// <summary>Creates the exception with the message that tells what the host printed.</summary>
    public FunctionsHostExitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public FunctionsHostExitedException()
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public FunctionsHostExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
