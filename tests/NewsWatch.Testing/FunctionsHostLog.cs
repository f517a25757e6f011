using System.Text;
using System.Text.RegularExpressions;

namespace NewsWatch.Testing;

/// <summary>
/// The stdout and stderr lines of a Functions host process (the host's and the worker's logs), kept in order. A
/// <see cref="Mark"/> is a position: counts and searches "since" it see only the lines written after it.
/// </summary>
public sealed partial class FunctionsHostLog
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>How many lines so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>A copy of every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The position after the last line so far.</summary>
    public int Mark() => Count;

    /// <summary>Adds a line (the process readers call this).</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    /// <summary>The lines from position <paramref name="mark"/> on.</summary>
    public IReadOnlyList<string> Since(int mark)
    {
        lock (_gate)
        {
            return [.. _lines.Skip(Math.Clamp(mark, 0, _lines.Count))];
        }
    }

    /// <summary>How many lines from <paramref name="mark"/> on contain every one of <paramref name="parts"/> (ordinal).</summary>
    public int CountSince(int mark, params string[] parts) =>
        Since(mark).Count(line => parts.All(p => line.Contains(p, StringComparison.Ordinal)));

    /// <summary>How many lines contain every one of <paramref name="parts"/> (ordinal).</summary>
    public int CountOf(params string[] parts) => CountSince(0, parts);

    /// <summary>
    /// The invocation ids of the executions of <paramref name="function"/> (e.g. <c>ScanSource</c>) that started at or
    /// after <paramref name="mark"/>: from the host's <c>Executing 'Functions.X' (Reason=..., Id=GUID)</c> lines.
    /// </summary>
    public IReadOnlyList<string> ExecutionsStartedSince(int mark, string function) =>
        [.. Since(mark).Select(line => ExecutingLine().Match(line))
            .Where(m => m.Success && m.Groups["function"].Value == function)
            .Select(m => m.Groups["id"].Value)];

    /// <summary>
    /// The outcome (<c>Succeeded</c> or <c>Failed</c>) of invocation <paramref name="invocationId"/> from the host's
    /// <c>Executed 'Functions.X' (Succeeded, Id=GUID, Duration=...)</c> line, or null while it runs.
    /// </summary>
    public string? OutcomeOf(string invocationId) =>
        Lines.Select(line => ExecutedLine().Match(line))
            .Where(m => m.Success && m.Groups["id"].Value == invocationId)
            .Select(m => m.Groups["outcome"].Value)
            .FirstOrDefault();

    /// <summary>The last <paramref name="count"/> lines as one text, for a failure message.</summary>
    public string Tail(int count = 200)
    {
        var lines = Lines;
        var text = new StringBuilder();
        if (lines.Count > count)
        {
            text.Append("... (").Append(lines.Count - count).AppendLine(" earlier lines left out)");
        }

        foreach (var line in lines.Skip(Math.Max(0, lines.Count - count)))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    [GeneratedRegex(@"Executing 'Functions\.(?<function>\w+)' \(.*Id=(?<id>[0-9a-fA-F-]{36})\)")]
    private static partial Regex ExecutingLine();

    [GeneratedRegex(@"Executed 'Functions\.(?<function>\w+)' \((?<outcome>\w+), Id=(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex ExecutedLine();
}
