using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>The corpus rules plus synthetic ones built from corpus words, up to a count; the same for a given count.</summary>
internal static class SyntheticRules
{
    /// <summary>
    /// <paramref name="count"/> rules: the corpus rules first (as many as fit), then random phrases and OR/NOT
    /// combinations; with <paramref name="structured"/>, a third of the synthetic ones use NEAR/ONEAR, fields,
    /// COUNT or nested Boolean structure.
    /// </summary>
    /// <remarks>
    /// With <paramref name="rare"/> false (the default mix), every synthetic word is drawn uniformly from the
    /// corpus's own words, so at 10,000 rules most words of an article (about 70 %) are some rule's word: a worst
    /// case. With <paramref name="rare"/> true, closer to real monitoring rules (names, places, specific terms, most
    /// of which are absent from any one day's articles): nine words in ten are words the corpus does not hold
    /// (corpus words with their letters rotated by 7, which keeps their lengths; none of them is in the corpus, nor in its rot13 copy that the benchmark uses for articles that match nothing), the tenth a corpus
    /// word found in at most two of the articles.
    /// </remarks>
    /// <param name="count">How many rules.</param>
    /// <param name="structured">Whether one synthetic rule in <paramref name="structuredEvery"/> has structure.</param>
    /// <param name="articles">The corpus articles (the source of the words).</param>
    /// <param name="rare">The rare mix instead of the corpus-word mix.</param>
    /// <param name="structuredEvery">With <paramref name="structured"/>, one rule in this many is structured (3 by default; the goal speaks of 10).</param>
    public static List<RuleDefinition> Make(int count, bool structured, IReadOnlyList<string> articles, bool rare = false, int structuredEvery = 3)
    {
        var rules = Corpus.LoadRules().Take(count).ToList();
        var words = Words(articles);
        var random = new Random(42);
        var (absent, uncommon) = rare ? RareWords(words, articles) : ([], []);
        string Word() => !rare ? words[random.Next(words.Length)]
            : random.Next(10) == 0 ? uncommon[random.Next(uncommon.Length)] : absent[random.Next(absent.Length)];
        while (rules.Count < count)
        {
            var query = structured && random.Next(structuredEvery) == 0
                ? random.Next(5) switch
                {
                    0 => $"{Word()} NEAR/5 {Word()}",
                    1 => $"({Word()} OR {Word()}) ONEAR/10 \"{Word()} {Word()}\"",
                    2 => $"title:{Word()} OR ({Word()} AND {Word()} NOT {Word()})",
                    3 => $"{Word()} COUNT>=2",
                    _ => $"(\"{Word()} {Word()}\" OR {Word()}*) AND ({Word()} OR {Word()})",
                }
                : random.Next(10) switch
                {
                    < 6 => $"\"{Word()} {Word()}\"",
                    < 8 => $"\"{Word()} {Word()} {Word()}\"",
                    8 => $"{Word()} OR \"{Word()} {Word()}\"",
                    _ => $"\"{Word()} {Word()}\" NOT {Word()}",
                };
            var rule = new RuleDefinition($"s{rules.Count}", query);
            try
            {
                RuleParser.Check(rule);
                rules.Add(rule);
            }
            catch (RuleSyntaxException)
            {
                // e.g. "a b" NOT a: a generated rule that can never match.
            }
        }

        return rules;
    }

    /// <summary>Words absent from the corpus (corpus words rotated by 7), and corpus words found in at most two articles.</summary>
    private static (string[] Absent, string[] Uncommon) RareWords(string[] words, IReadOnlyList<string> articles)
    {
        var known = words.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var absent = words.Select(w => Rotate(w, 7)).Where(w => !known.Contains(w) && !known.Contains(Rotate(w, 13))).ToArray();
        var articleCount = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var article in articles)
        {
            foreach (var w in Words([article]))
            {
                articleCount[w] = articleCount.GetValueOrDefault(w) + 1;
            }
        }

        return (absent, words.Where(w => articleCount.GetValueOrDefault(w) <= 2).ToArray());
    }

    private static string Rotate(string word, int by) => string.Create(word.Length, (word, by), static (span, state) =>
    {
        var (w, n) = state;
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            span[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + n) % 26)),
                >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + n) % 26)),
                _ => c,
            };
        }
    });

    private static string[] Words(IReadOnlyList<string> articles) =>
        articles.SelectMany(a => a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', ',', '"', '“', '”', '(', ')', ':', ';', '?', '!'))
            .Where(w => w.Length > 2 && w.All(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
