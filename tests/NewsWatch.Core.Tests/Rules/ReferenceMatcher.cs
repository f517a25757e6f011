using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// A slow matcher that is plainly right: every term spelling compared at every word position of every field,
/// NEAR by trying every pair. No hashing, no anchors, no candidate selection. It shares the tokeniser and the
/// parser with the fast matcher (each tested on its own); what it checks is the index and the evaluation.
/// </summary>
internal static class ReferenceMatcher
{
    /// <summary>Asserts that each of <paramref name="rules"/> is among <paramref name="matches"/> exactly when the reference matcher matches it.</summary>
    public static void AssertAgrees(IEnumerable<RuleDefinition> rules, string? title, string body, IEnumerable<RuleMatch> matches)
    {
        var ids = matches.Select(m => m.RuleId).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            Assert.True(Matches(rule, title, body) == ids.Contains(rule.Id), $"rule {rule.Query} (language {rule.Language}); title {title}; body {body}");
        }
    }

    public static bool Matches(RuleDefinition rule, string? title, string body)
    {
        var specs = new List<TermSpec>();
        var root = RuleParser.Parse(rule.Id, rule.Query, spec => { specs.Add(spec); return specs.Count - 1; }, RuleOptions.Of(rule));
        var fields = new[] { Words(title ?? string.Empty), Words(body) };
        var texts = new[] { title ?? string.Empty, body };
        var hits = specs.Select(spec => Hits(spec, fields, texts)).ToList();
        return Evaluate(root, hits);
    }

    private static List<(string Folded, int Start, int End)> Words(string text)
    {
        var buffer = new TokenBuffer();
        buffer.Tokenize(text);
        var words = new List<(string, int, int)>();
        for (var i = 0; i < buffer.Count; i++)
        {
            words.Add((buffer.Folded(i).ToString(), buffer.Tokens[i].Start, buffer.Tokens[i].End));
        }

        return words;
    }

    private static HashSet<(int Field, int First, int Last)> Hits(TermSpec spec, List<(string Folded, int Start, int End)>[] fields, string[] texts)
    {
        var hits = new HashSet<(int, int, int)>();
        for (var f = 0; f < 2; f++)
        {
            var words = fields[f];
            foreach (var variant in spec.Variants)
            {
                for (var p = 0; p + variant.Count <= words.Count; p++)
                {
                    var ok = true;
                    for (var w = 0; w < variant.Count && ok; w++)
                    {
                        var token = variant[w];
                        var word = words[p + w];
                        ok = token.Prefix ? word.Folded.StartsWith(token.Text, StringComparison.Ordinal) : word.Folded == token.Text;
                        if (ok && spec.CaseSensitive)
                        {
                            var original = texts[f][word.Start..word.End];
                            ok = token.Prefix ? original.StartsWith(token.Original!, StringComparison.Ordinal) : original == token.Original;
                        }
                    }

                    if (ok)
                    {
                        hits.Add((f, p, p + variant.Count - 1));
                    }
                }
            }
        }

        return hits;
    }

    private static bool Evaluate(QueryNode node, List<HashSet<(int Field, int First, int Last)>> hits) => node.Kind switch
    {
        QueryNodeKind.Term => LeafHits(node, hits).Any(),
        QueryNodeKind.And => node.Children.All(c => Evaluate(c, hits)),
        QueryNodeKind.Or => node.Children.Any(c => Evaluate(c, hits)),
        QueryNodeKind.Not => Evaluate(node.Children[0], hits) && !node.Children.Skip(1).Any(c => Evaluate(c, hits)),
        QueryNodeKind.Count => Evaluate(node.Children[0], hits) && CountHits(node.Children[0], hits) >= node.MinCount,
        _ => Spans(node, hits).Count > 0,
    };

    private static IEnumerable<(int Field, int First, int Last)> LeafHits(QueryNode leaf, List<HashSet<(int Field, int First, int Last)>> hits) =>
        hits[leaf.TermIndex].Where(h => (leaf.Fields & (h.Field == 0 ? FieldMask.Title : FieldMask.Body)) != 0);

    private static int CountHits(QueryNode node, List<HashSet<(int Field, int First, int Last)>> hits) => node.Kind switch
    {
        QueryNodeKind.Term => LeafHits(node, hits).Count(),
        QueryNodeKind.Not => CountHits(node.Children[0], hits),
        _ => node.Children.Sum(c => CountHits(c, hits)),
    };

    private static HashSet<(int Field, int First, int Last)> Spans(QueryNode node, List<HashSet<(int Field, int First, int Last)>> hits)
    {
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                return [.. LeafHits(node, hits)];
            case QueryNodeKind.Or:
                return [.. node.Children.SelectMany(c => Spans(c, hits))];
            default:
                var result = new HashSet<(int, int, int)>();
                foreach (var a in Spans(node.Children[0], hits))
                {
                    foreach (var b in Spans(node.Children[1], hits))
                    {
                        if (a.Field != b.Field)
                        {
                            continue;
                        }

                        var inOrder = b.First > a.Last && b.First - a.Last - 1 <= node.Distance;
                        var reversed = !node.Ordered && a.First > b.Last && a.First - b.Last - 1 <= node.Distance;
                        if (inOrder || reversed)
                        {
                            result.Add((a.Field, Math.Min(a.First, b.First), Math.Max(a.Last, b.Last)));
                        }
                    }
                }

                return result;
        }
    }
}
