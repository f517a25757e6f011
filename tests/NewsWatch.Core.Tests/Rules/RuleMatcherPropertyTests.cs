using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>The fast matcher agrees with <see cref="ReferenceMatcher"/> on generated rules and texts, traps included, and its snippets with <see cref="ReferenceSnippets"/>.</summary>
public sealed class RuleMatcherPropertyTests
{
    private static readonly string[] Words =
    [
        "nato", "NATO", "troops", "ceasefire", "cease", "fire", "Gaza", "5,000", "5", "000", "US", "us", "Müller", "Mueller",
        "Muller", "Київ", "край", "краи", "l'OTAN", "OTAN", "Russia's", "Russia’s", "negotiated", "negotiating", "boots",
        "on", "the", "ground", "Straße", "Strasse", "ёлка", "елка", "alliance", "border",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "-", "\n", " — ", ", ", ". ", "’", " “", "” ", " <b>", "</b> ", "\u00AD", "\u2010"];

    private static readonly string[] QueryWords =
    [
        "nato", "troops", "ceasefire", "cease-fire", "\"cease fire\"", "gaza", "\"5,000 troops\"", "case:US", "us", "Müller",
        "Mueller", "Київ", "край", "l'OTAN", "OTAN", "Russia's", "negotiat*", "\"negotiat* ceasefire\"", "\"boots on the ground\"",
        "Straße", "ёлка", "alliance", "border", "title:nato", "body:troops", "case:NATO", "bor*", "ne*", "negot*", "borde*", "bo*", "\"the bo*\"",
    ];

    // Without the wildcards under three chars ("ne*", "bo*"), which send the scan down its word-by-word path: the
    // sets built from these take the branch-free path for wildcards.
    private static readonly string[] LongWildcardQueryWords = QueryWords.Where(w => w is not ("ne*" or "bo*")).ToArray();

    private static readonly string?[] Languages = [null, null, "de", "fr", "uk", "nl"];

    [Property(MaxTest = 400)]
    public Property Match_GeneratedRulesAndTexts_AgreesWithReference() => AgreesWithReference(QueryWords);

    [Property(MaxTest = 300)]
    public Property Match_GeneratedRulesWithLongWildcardsOnly_AgreesWithReference() => AgreesWithReference(LongWildcardQueryWords);

    private static Property AgreesWithReference(string[] queryWords)
    {
        return Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var rules = new List<RuleDefinition>();
            for (var r = 0; r < 12; r++)
            {
                var rule = new RuleDefinition($"r{r}", Query(random, 3, queryWords), Languages[random.Next(Languages.Length)], random.Next(4) != 0);
                try
                {
                    RuleParser.Check(rule);
                    rules.Add(rule);
                }
                catch (RuleSyntaxException)
                {
                    // A generated rule that can never match is refused; the property is about the others.
                }
            }

            var title = random.Next(3) == 0 ? null : Text(random, 6);
            var body = Text(random, 40);
            var matches = RuleSet.Compile(rules).Match(title, body);
            var fast = matches.Select(m => m.RuleId).ToHashSet();
            foreach (var rule in rules)
            {
                var expected = ReferenceMatcher.Matches(rule, title, body);
                if (expected != fast.Contains(rule.Id))
                {
                    throw new InvalidOperationException(
                        $"rule {rule.Query} (language {rule.Language}, compounds {rule.Compounds}): reference {expected}, fast {!expected}; title {title}; body {body}");
                }
            }

            // Each match's snippets (sentence bounds, window, rewritten text, highlights) as the plain builder makes
            // them from the match's hits, over the same traps.
            foreach (var match in matches)
            {
                ReferenceSnippets.AssertSame(title, body, ReferenceSnippets.HitsOf(match), match.Snippets);
            }

            return true;
        });
    }

    [Fact]
    public void Match_NotTermInAnotherSentence_StillExcludes()
    {
        var rule = new RuleDefinition("r", "ceasefire NOT hamas");
        const string body = "A ceasefire was agreed. Separately, Hamas said nothing.";

        Assert.False(ReferenceMatcher.Matches(rule, null, body));
        Assert.Empty(RuleSet.Compile([rule]).Match(null, body));
    }

    private static string Query(Random random, int depth, string[] words)
    {
        var choice = depth == 0 ? 0 : random.Next(9);
        return choice switch
        {
            0 or 1 => words[random.Next(words.Length)],
            2 => $"({Query(random, depth - 1, words)} OR {Query(random, depth - 1, words)})",
            3 => $"({Query(random, depth - 1, words)} AND {Query(random, depth - 1, words)})",
            4 => $"({Query(random, depth - 1, words)} NOT {Query(random, depth - 1, words)})",
            5 => $"{Span(random, words)} {(random.Next(2) == 0 ? "NEAR" : "ONEAR")}/{random.Next(6)} {Span(random, words)}",
            6 => $"{words[random.Next(words.Length)]} COUNT>={random.Next(1, 4)}",
            7 => $"({Query(random, depth - 1, words)} {Query(random, depth - 1, words)})",
            _ => $"{(random.Next(2) == 0 ? "title:" : "body:")}({Query(random, depth - 1, words)})",
        };
    }

    private static string Span(Random random, string[] words)
    {
        var word = () => words[random.Next(words.Length)].Replace("title:", string.Empty, StringComparison.Ordinal)
            .Replace("body:", string.Empty, StringComparison.Ordinal);
        return random.Next(3) == 0 ? $"({word()} OR {word()})" : word();
    }

    private static string Text(Random random, int words) => Text(random, words, Words, Separators);

    /// <summary>One to <paramref name="words"/> - 1 words drawn from <paramref name="vocabulary"/>, each pair joined by one of <paramref name="separators"/>.</summary>
    internal static string Text(Random random, int words, string[] vocabulary, string[] separators)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, words);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(separators[random.Next(separators.Length)]);
            }

            sb.Append(vocabulary[random.Next(vocabulary.Length)]);
        }

        return sb.ToString();
    }
}
