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
    public static List<RuleDefinition> Make(int count, bool structured, IReadOnlyList<string> articles)
    {
        var rules = Corpus.LoadRules().Take(count).ToList();
        var words = Words(articles);
        var random = new Random(42);
        string Word() => words[random.Next(words.Length)];
        while (rules.Count < count)
        {
            var query = structured && random.Next(3) == 0
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

    private static string[] Words(IReadOnlyList<string> articles) =>
        articles.SelectMany(a => a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', ',', '"', '“', '”', '(', ')', ':', ';', '?', '!'))
            .Where(w => w.Length > 2 && w.All(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
