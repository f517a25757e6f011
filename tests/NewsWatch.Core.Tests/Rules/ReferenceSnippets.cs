using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// The snippets of one match written out plainly, slow and without caches, for the tests to compare
/// <see cref="SnippetBuilder"/> with: the sentence bounds by <see cref="SentenceBoundaries"/>' plain search (every
/// terminator tested each time it is met, no memo), the text rewritten char by char (no test for whether it needs it).
/// </summary>
internal static class ReferenceSnippets
{
    /// <summary>The snippets of <paramref name="hits"/> (sorted by field, then position) as field, text and highlights.</summary>
    public static List<(string Field, string Text, List<Highlight> Highlights)> Build(string? title, string body, IReadOnlyList<TermHit> hits)
    {
        var snippets = new List<(string Field, string Text, List<Highlight> Highlights)>();
        var i = 0;
        while (i < hits.Count && snippets.Count < SnippetBuilder.MaxSnippets)
        {
            var first = hits[i];
            var text = first.Field == 0 ? title! : body;
            var sentenceStart = SentenceBoundaries.StartBefore(text, first.Start, Math.Max(0, first.Start - (2 * SnippetBuilder.MaxLength)));
            var sentenceEnd = SentenceBoundaries.EndAfter(text, first.End, Math.Min(text.Length, first.End + (2 * SnippetBuilder.MaxLength)));
            var (from, to) = WindowOf(text, first, sentenceStart, sentenceEnd);

            // The hits inside the window join this snippet: overlapping ones make one highlight.
            var ranges = new List<(int Start, int End)> { (first.Start, first.End) };
            for (i++; i < hits.Count && hits[i].Field == first.Field && hits[i].Start >= from && hits[i].End <= to; i++)
            {
                var (lastStart, lastEnd) = ranges[^1];
                if (hits[i].Start >= lastEnd)
                {
                    ranges.Add((hits[i].Start, hits[i].End));
                }
                else
                {
                    ranges[^1] = (lastStart, Math.Max(lastEnd, hits[i].End));
                }
            }

            var (snippetText, at) = Rewrite(text, from, to, from > sentenceStart, to < sentenceEnd);
            snippets.Add((first.Field == 0 ? "title" : "body", snippetText, ranges.Select(r => new Highlight(at(r.Start), at(r.End) - at(r.Start))).ToList()));
        }

        return snippets;
    }

    /// <summary>
    /// The whole sentence when it is at most <see cref="SnippetBuilder.MaxLength"/> chars; else from a word start
    /// at most 100 chars before the hit to a word end at most that length after the window's start (or the hit's end).
    /// </summary>
    private static (int From, int To) WindowOf(string text, TermHit hit, int sentenceStart, int sentenceEnd)
    {
        if (sentenceEnd - sentenceStart <= SnippetBuilder.MaxLength)
        {
            return (sentenceStart, sentenceEnd);
        }

        static bool Gap(char c) => c is ' ' or '\n' or '\u00A0';
        var from = Math.Max(sentenceStart, hit.Start - 100);
        if (from > sentenceStart)
        {
            var gap = from;
            while (gap < hit.Start && !Gap(text[gap]))
            {
                gap++;
            }

            from = gap < hit.Start ? gap + 1 : hit.Start;
        }

        var to = Math.Min(sentenceEnd, Math.Max(hit.End, from + SnippetBuilder.MaxLength));
        if (to < sentenceEnd)
        {
            var gap = to - 1;
            while (gap >= hit.End && !Gap(text[gap]))
            {
                gap--;
            }

            to = gap >= hit.End ? gap : hit.End;
        }

        return (from, to);
    }

    /// <summary>
    /// The window's text as a reader sees it (white space and soft hyphens trimmed off both ends, each run of white
    /// space one space, soft hyphens dropped, "…" where the sentence goes on), and where each source offset lands in it.
    /// </summary>
    private static (string Text, Func<int, int> At) Rewrite(string text, int from, int to, bool before, bool after)
    {
        static bool Trimmed(char c) => char.IsWhiteSpace(c) || c == '\u00AD';
        while (from < to && Trimmed(text[from]))
        {
            from++;
        }

        while (to > from && Trimmed(text[to - 1]))
        {
            to--;
        }

        var output = new StringBuilder(before ? "\u2026" : string.Empty);
        var at = new int[to - from + 1];
        for (var k = from; k < to; k++)
        {
            at[k - from] = output.Length;
            var c = text[k];
            if (char.IsWhiteSpace(c))
            {
                if (output.Length > 0 && output[^1] != ' ')
                {
                    output.Append(' ');
                }
            }
            else if (c != '\u00AD')
            {
                output.Append(c);
            }
        }

        at[to - from] = output.Length;
        if (after)
        {
            output.Append('\u2026');
        }

        var start = from;
        return (output.ToString(), offset => at[offset - start]);
    }

    /// <summary>Asserts that <paramref name="snippets"/> are the reference's snippets of <paramref name="hits"/>.</summary>
    public static void AssertSame(string? title, string body, IReadOnlyList<TermHit> hits, IReadOnlyList<Snippet> snippets)
    {
        var expected = Build(title, body, hits);
        Assert.Equal(expected.Select(s => (s.Field, s.Text)), snippets.Select(s => (s.Field, s.Text)));
        Assert.Equal(expected.SelectMany(s => s.Highlights), snippets.SelectMany(s => s.Highlights));
    }

    /// <summary>The hits of <paramref name="match"/> as the snippet builder takes them (sorted, distinct).</summary>
    public static TermHit[] HitsOf(RuleMatch match) =>
        match.Hits.Select(h => new TermHit(0, h.Field == "title" ? 0 : 1, h.Start, h.Start + h.Length, -1)).ToArray();
}
