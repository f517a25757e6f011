namespace NewsWatch.Core.State;

/// <summary>
/// A state record that is not valid JSON for its type (damaged outside NewsWatch, whose writes are atomic, or written
/// by another program): the message names the record and what can be done; the record itself is left as it is.
/// </summary>
public sealed class UnreadableStateException : Exception
{
    public UnreadableStateException(string partition, string key, string type, Exception inner)
        : base($"The state record '{key}' in partition '{partition}' is not a readable {type}: {inner.Message} It was left as it is: "
            + "restore it, or delete it (NewsWatch then acts as if it had never been written, which for a ledger may repeat what it recorded).", inner)
    {
        Partition = partition;
        Key = key;
    }

    /// <summary>The record's partition.</summary>
    public string Partition { get; }

    /// <summary>The record's key.</summary>
    public string Key { get; }
}
