using System.Text.RegularExpressions;

namespace NewsWatch.Core.Sources;

/// <summary>
/// A source's <c>linkPattern</c>: checked at config load, and built so that no pattern can stall a scan. Patterns run
/// on .NET's non-backtracking engine (linear in the URL's length) whenever they use nothing it lacks (backreferences,
/// lookarounds, atomic groups), otherwise with a match timeout; a pattern whose repeated group itself repeats, the
/// shape behind catastrophic backtracking (<c>(a+)+$</c>), is refused with the fix.
/// </summary>
public static class LinkPatternCheck
{
    /// <summary>The longest pattern accepted.</summary>
    public const int MaxLength = 2000;

    /// <summary>How long one match may take on the backtracking engine (the non-backtracking one needs no bound).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Why <paramref name="pattern"/> is refused, or null when it is fine.</summary>
    public static string? Problem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > MaxLength)
        {
            return $"{pattern.Length} characters long; at most {MaxLength} are accepted.";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            return $"not a .NET regular expression: {ex.Message}";
        }

        if (NestedRepetitionAt(pattern) is { } column)
        {
            return $"the group ending at column {column} repeats, and so does something inside it (as in (a+)+): matching can take " +
                "exponential time on some URLs. Repeat only one of them, e.g. (a+)+ as a+, (\\w+/)* as [\\w/]*.";
        }

        return null;
    }

    /// <summary>The regular expression for <paramref name="pattern"/>: non-backtracking where possible, else with a timeout.</summary>
    public static Regex Create(string pattern)
    {
        try
        {
            // Linear in the input, so no timeout: under load a timeout would only drop good links.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>
    /// True when <paramref name="pattern"/> matches the link, escaped (what HTTP sends) or readable (what people write
    /// patterns against, e.g. Cyrillic paths); a match that times out counts as no match.
    /// </summary>
    public static bool IsMatch(Regex pattern, Uri url)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            return pattern.IsMatch(url.AbsoluteUri) || pattern.IsMatch(Uri.UnescapeDataString(url.AbsoluteUri));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The 1-based column of the first closing parenthesis of a group that repeats and holds a repetition; null when none.</summary>
    private static int? NestedRepetitionAt(string pattern)
    {
        // One flag per open group: does it hold an unbounded repetition? An explicit stack, so depth costs no recursion.
        var open = new Stack<bool>();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                if (IsRepeat(pattern, i + 1) && open.Count > 0)
                {
                    MarkTop(open);
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                    if (IsRepeat(pattern, i + 1) && open.Count > 0)
                    {
                        MarkTop(open);
                    }
                }

                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    open.Push(false);
                    break;
                case ')':
                    var holdsRepeat = open.Count > 0 && open.Pop();
                    var repeats = IsRepeat(pattern, i + 1);
                    if (holdsRepeat && repeats)
                    {
                        return i + 1;
                    }

                    if ((holdsRepeat || repeats) && open.Count > 0)
                    {
                        MarkTop(open);
                    }

                    break;
                default:
                    if (c is not ('+' or '*' or '?' or '{' or '|') && IsRepeat(pattern, i + 1) && open.Count > 0)
                    {
                        MarkTop(open);
                    }

                    break;
            }
        }

        return null;
    }

    private static void MarkTop(Stack<bool> open)
    {
        open.Pop();
        open.Push(true);
    }

    /// <summary>True when an unbounded quantifier (<c>+</c>, <c>*</c>, <c>{n,}</c>) starts at <paramref name="i"/>.</summary>
    private static bool IsRepeat(string pattern, int i)
    {
        if (i >= pattern.Length)
        {
            return false;
        }

        if (pattern[i] is '+' or '*')
        {
            return true;
        }

        if (pattern[i] != '{')
        {
            return false;
        }

        var close = pattern.IndexOf('}', i);
        return close > i && pattern.AsSpan(i + 1, close - i - 1).EndsWith(",");
    }
}
