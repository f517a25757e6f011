using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// What the page says about its own article outside the body: its summaries (meta and Open Graph
/// descriptions, JSON-LD <c>description</c> and the opening of <c>articleBody</c>). The extractor checks a
/// chosen body against them by word overlap and, when the body misses them, finds the element of the page that
/// holds the summary (the lead paragraph, or the article a wrong region was chosen instead of).
/// </summary>
internal sealed partial class PageEvidence
{
    /// <summary>A summary shorter than this many distinct words says too little to judge a body by.</summary>
    public const int MinWords = 8;

    private const int MaxSummaryLength = 1200;

    private PageEvidence(string summary, HashSet<string> words)
    {
        Summary = summary;
        Words = words;
        Pairs = PairsOf(summary);
    }

    /// <summary>Its pairs of consecutive words: a body that holds them holds the summary's sentences, not only its vocabulary.</summary>
    public HashSet<string> Pairs { get; }

    /// <summary>The summary the checks use (the longest of the page's summaries, cut to 1,200 characters).</summary>
    public string Summary { get; }

    /// <summary>Its distinct words.</summary>
    public HashSet<string> Words { get; }

    /// <summary>Non-whitespace characters of the summary.</summary>
    public int Length => Summary.Count(c => !char.IsWhiteSpace(c));

    /// <summary>The page's evidence, or null when it has no summary of at least <see cref="MinWords"/> words.</summary>
    public static PageEvidence? Read(Dictionary<string, string> meta, List<JsonElement> jsonLd)
    {
        var summaries = new List<string>();
        foreach (var key in (ReadOnlySpan<string>)["og:description", "description", "twitter:description"])
        {
            if (meta.TryGetValue(key, out var value))
            {
                summaries.Add(value);
            }
        }

        foreach (var item in jsonLd)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
            {
                summaries.Add(d.GetString()!);
            }

            if (item.TryGetProperty("articleBody", out var b) && b.ValueKind == JsonValueKind.String && b.GetString() is { Length: > 0 } body)
            {
                // The opening of the body: its first 400 characters, ended at a word.
                var cut = body.Length <= 400 ? body : body[..(body.LastIndexOf(' ', 400) is > 100 and var i ? i : 400)];
                summaries.Add(cut);
            }
        }

        PageEvidence? best = null;
        foreach (var s in summaries)
        {
            var text = TextAssembler.CollapseWhitespace(Tag().Replace(s.Length > MaxSummaryLength ? s[..MaxSummaryLength] : s, " ")).Trim();
            var words = WordsOf(text);
            if (words.Count >= MinWords && (best is null || words.Count > best.Words.Count))
            {
                best = new PageEvidence(text, words);
            }
        }

        return best;
    }

    /// <summary>The share of the summary's words that occur in <paramref name="textWords"/>.</summary>
    public double Coverage(HashSet<string> textWords)
    {
        var found = 0;
        foreach (var w in Words)
        {
            if (textWords.Contains(w))
            {
                found++;
            }
        }

        return Words.Count == 0 ? 0 : (double)found / Words.Count;
    }

    /// <summary>The share of the summary's word pairs that occur in <paramref name="textPairs"/>.</summary>
    public double PairCoverage(HashSet<string> textPairs)
    {
        var found = 0;
        foreach (var p in Pairs)
        {
            if (textPairs.Contains(p))
            {
                found++;
            }
        }

        return Pairs.Count == 0 ? 0 : (double)found / Pairs.Count;
    }

    /// <summary>
    /// The smallest element of the page whose text holds most of the summary's words and not much more: the
    /// summary's place in the page. Elements are judged only when their length is close to the summary's, so the
    /// cost stays linear in the page.
    /// </summary>
    public IElement? FindAnchor(PageModel page)
    {
        var length = Length;
        var min = (int)(0.6 * length);
        var max = (int)(2.5 * length) + 80;
        IElement? best = null;
        var checkedCount = 0;
        foreach (var e in page.Elements)
        {
            var stats = page.Stats(e);
            if (stats.TextLength < min || stats.TextLength > max || stats.LinkDensity > 0.5 || e == page.Root)
            {
                continue;
            }

            if (best is not null && stats.TextLength >= page.TextLength(best))
            {
                continue;
            }

            if (++checkedCount > 400)
            {
                break;
            }

            if (Coverage(WordsOf(e.TextContent)) >= 0.8)
            {
                best = e;
            }
        }

        return best;
    }

    /// <summary>Pairs of consecutive words (as <see cref="WordsOf"/> splits them, short words skipped).</summary>
    public static HashSet<string> PairsOf(string text)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var w in Sequence(text))
        {
            if (previous is not null)
            {
                pairs.Add(string.Concat(previous, " ", w));
            }

            previous = w;
        }

        return pairs;
    }

    /// <summary>Lower-cased words of at least three letters or digits (any length for CJK scripts).</summary>
    public static HashSet<string> WordsOf(string text) => new(Sequence(text), StringComparer.Ordinal);

    private static IEnumerable<string> Sequence(string text)
    {
        if (text.Contains('\u00AD', StringComparison.Ordinal))
        {
            text = text.Replace("\u00AD", string.Empty, StringComparison.Ordinal);
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 3 || text[start] >= '\u3040')
                {
                    yield return text[start..i].ToLower(CultureInfo.InvariantCulture);
                }

                start = -1;
            }
        }
    }

    [GeneratedRegex("<[^<>]{0,200}>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
