namespace NewsWatch.Core.Rules;

/// <summary>
/// A compiled set of rules, matched together against an article's title and body.
/// PLACEHOLDER: replaced by the real matcher (see Rules/).
/// </summary>
public sealed class RuleSet
{
    private readonly IReadOnlyList<RuleDefinition> _rules;

    private RuleSet(IReadOnlyList<RuleDefinition> rules) => _rules = rules;

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<RuleDefinition> Rules => _rules;

    /// <summary>Parses and compiles every rule. Throws <see cref="RuleSyntaxException"/> for the first rule that does not parse.</summary>
    public static RuleSet Compile(IEnumerable<RuleDefinition> rules) => new(rules.ToList());

    /// <summary>Matches every rule against the title and body; returns only the rules that matched, in rule order.</summary>
    public IReadOnlyList<RuleMatch> Match(string? title, string body)
    {
        var result = new List<RuleMatch>();
        foreach (var rule in _rules)
        {
            var term = rule.Query.Trim('"');
            var at = body.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                result.Add(new RuleMatch(rule.Id, rule.Query, 1, [new TermMatch(term, "body", 1)],
                    [new Snippet("body", body, [new Highlight(at, term.Length)])]));
            }
        }

        return result;
    }
}
