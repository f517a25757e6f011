using System.Collections.Frozen;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A compiled set of rules, matched together against an article's title and body.
/// </summary>
/// <remarks>
/// Compiling parses every rule, folds its words (case, diacritics, NFKC, see <c>FoldTable</c>) and indexes each
/// distinct term by its anchor: its longest exact word (else its longest prefix), the one least likely to be
/// common. Matching tokenises each field once, looks every word up in that index,
/// confirms the rest of a phrase word by word around the anchor, and evaluates only the rules whose terms were hit.
/// An instance is immutable and safe to use from many threads at once.
/// </remarks>
public sealed class RuleSet
{
    private static readonly AnchoredTerm[] NoTerms = [];

    private readonly RuleDefinition[] _definitions;
    private readonly CompiledRule[] _rules;
    private readonly CompiledTerm[] _terms;
    private readonly VocabularyTable _vocabulary;
    private readonly AnchoredTerm[][] _termsByAnchor;
    private readonly FrozenDictionary<string, AnchoredTerm[]>.AlternateLookup<ReadOnlySpan<char>> _prefixTerms;
    private readonly int[] _prefixLengths;
    private readonly MatchScratch?[] _scratchPool = new MatchScratch?[Math.Max(2, Environment.ProcessorCount)];

    private RuleSet(RuleDefinition[] definitions, CompiledRule[] rules, CompiledTerm[] terms, VocabularyTable vocabulary,
        AnchoredTerm[][] termsByAnchor, FrozenDictionary<string, AnchoredTerm[]> prefixTerms)
    {
        _definitions = definitions;
        _rules = rules;
        _terms = terms;
        _vocabulary = vocabulary;
        _termsByAnchor = termsByAnchor;
        _prefixTerms = prefixTerms.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLengths = prefixTerms.Keys.Select(k => k.Length).Distinct().Order().ToArray();
    }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<RuleDefinition> Rules => _definitions;

    /// <summary>Parses and compiles every rule. Throws <see cref="RuleSyntaxException"/> for the first rule that does not parse.</summary>
    /// <exception cref="RuleSyntaxException">A rule's query is not valid.</exception>
    public static RuleSet Compile(IEnumerable<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var definitions = rules.ToArray();
        var termIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var specs = new List<TermSpec>();
        var compiled = new CompiledRule[definitions.Length];
        var triggers = new int[definitions.Length][];
        for (var r = 0; r < definitions.Length; r++)
        {
            var definition = definitions[r];
            var displays = new Dictionary<int, string>();
            var root = RuleParser.Parse(definition.Id, definition.Query, spec =>
            {
                var key = spec.MatchKey;
                if (!termIndex.TryGetValue(key, out var index))
                {
                    index = specs.Count;
                    termIndex.Add(key, index);
                    specs.Add(spec);
                }

                displays.TryAdd(index, spec.Display);
                return index;
            }, RuleOptions.Of(definition));
            var (positive, fields) = PositiveLeaves(root);
            compiled[r] = new CompiledRule(definition, root, positive, positive.Select(t => displays[t]).ToArray(), fields);
            triggers[r] = Triggers(root, specs);
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new CompiledTerm[specs.Count];
        for (var t = 0; t < specs.Count; t++)
        {
            var variants = new CompiledVariant[specs[t].Variants.Count];
            for (var v = 0; v < variants.Length; v++)
            {
                var tokens = specs[t].Variants[v];
                var ids = new int[tokens.Count];
                for (var w = 0; w < ids.Length; w++)
                {
                    var token = tokens[w];
                    if (token.Prefix)
                    {
                        ids[w] = -1;
                    }
                    else if (!vocabulary.TryGetValue(token.Text, out ids[w]))
                    {
                        ids[w] = vocabulary.Count;
                        vocabulary.Add(token.Text, ids[w]);
                    }
                }

                variants[v] = new CompiledVariant(tokens, ids);
            }

            terms[t] = new CompiledTerm(specs[t], variants);
        }

        for (var r = 0; r < compiled.Length; r++)
        {
            foreach (var t in compiled[r].PositiveTerms)
            {
                terms[t].PositiveRules.Add(r);
            }

            foreach (var t in triggers[r])
            {
                terms[t].TriggerRules.Add(r);
            }
        }

        var byAnchor = new List<AnchoredTerm>?[vocabulary.Count];
        var byPrefix = new Dictionary<string, List<AnchoredTerm>>(StringComparer.Ordinal);
        for (var t = 0; t < terms.Length; t++)
        {
            for (var v = 0; v < terms[t].Variants.Length; v++)
            {
                var variant = terms[t].Variants[v];
                var anchor = variant.Anchor;
                var entry = new AnchoredTerm(t, v, anchor, variant.Length);
                var id = variant.VocabIds[anchor];
                if (id >= 0)
                {
                    (byAnchor[id] ??= []).Add(entry);
                }
                else
                {
                    var prefix = variant.Prefixes[anchor]!;
                    if (!byPrefix.TryGetValue(prefix, out var list))
                    {
                        byPrefix.Add(prefix, list = []);
                    }

                    list.Add(entry);
                }
            }
        }

        return new RuleSet(
            definitions,
            compiled,
            terms,
            new VocabularyTable(vocabulary.OrderBy(p => p.Value).Select(p => p.Key).ToList()),
            byAnchor.Select(l => l?.ToArray() ?? NoTerms).ToArray(),
            byPrefix.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>The terms that count as hits (leaves not excluded by a NOT), in query order, with the fields each counts in.</summary>
    private static (int[] Terms, FieldMask[] Fields) PositiveLeaves(QueryNode root)
    {
        var order = new List<int>();
        var masks = new Dictionary<int, FieldMask>();
        var stack = new Stack<QueryNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Kind == QueryNodeKind.Term)
            {
                if (masks.TryGetValue(node.TermIndex, out var mask))
                {
                    masks[node.TermIndex] = mask | node.Fields;
                }
                else
                {
                    masks.Add(node.TermIndex, node.Fields);
                    order.Add(node.TermIndex);
                }
            }
            else if (node.Kind == QueryNodeKind.Not)
            {
                stack.Push(node.Children[0]);
            }
            else
            {
                for (var i = node.Children.Length - 1; i >= 0; i--)
                {
                    stack.Push(node.Children[i]);
                }
            }
        }

        return ([.. order], order.Select(t => masks[t]).ToArray());
    }

    /// <summary>
    /// Terms of which at least one must be hit for the rule to match: every alternative of an OR, the smallest
    /// such set among the operands of an AND or NEAR (the longest words on a tie), the kept side of a NOT.
    /// Recursion is bounded by the parser's nesting limit.
    /// </summary>
    private static int[] Triggers(QueryNode node, List<TermSpec> specs)
    {
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                return [node.TermIndex];
            case QueryNodeKind.Not or QueryNodeKind.Count:
                return Triggers(node.Children[0], specs);
            case QueryNodeKind.Or:
                var all = new HashSet<int>();
                foreach (var child in node.Children)
                {
                    all.UnionWith(Triggers(child, specs));
                }

                return [.. all];
            default:
                int[]? best = null;
                var bestLength = 0;
                foreach (var child in node.Children)
                {
                    var set = Triggers(child, specs);
                    var length = set.Min(t => specs[t].Tokens.Max(k => k.Text.Length));
                    if (best is null || set.Length < best.Length || (set.Length == best.Length && length > bestLength))
                    {
                        best = set;
                        bestLength = length;
                    }
                }

                return best!;
        }
    }

    /// <summary>Matches every rule against the title and body; returns only the rules that matched, in rule order.</summary>
    public IReadOnlyList<RuleMatch> Match(string? title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var scratch = RentScratch();
        try
        {
            scratch.Reset();
            if (!string.IsNullOrEmpty(title))
            {
                Scan(scratch, title, 0);
            }

            Scan(scratch, body, 1);
            if (scratch.Touched.Count == 0)
            {
                return [];
            }

            return Evaluate(scratch, title, body);
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    private void Scan(MatchScratch scratch, string text, int field)
    {
        var buffer = scratch.Buffer;
        scratch.Text = text;
        buffer.Tokenize(text);
        var count = buffer.Count;
        if (scratch.WordIds.Length < count)
        {
            scratch.WordIds = new int[Math.Max(count, scratch.WordIds.Length * 2)];
        }

        var ids = scratch.WordIds;
        var vocabulary = _vocabulary;
        var tokens = buffer.Tokens;
        for (var p = 0; p < count; p++)
        {
            ids[p] = vocabulary.Find(buffer.Folded(p), tokens[p].Hash);
        }

        var prefixLengths = _prefixLengths;
        for (var p = 0; p < count; p++)
        {
            var id = ids[p];
            if (id >= 0)
            {
                foreach (var t in _termsByAnchor[id])
                {
                    TryRecord(scratch, t, field, p, count);
                }
            }

            if (prefixLengths.Length > 0)
            {
                var word = buffer.Folded(p);
                foreach (var length in prefixLengths)
                {
                    if (length > word.Length)
                    {
                        break;
                    }

                    if (_prefixTerms.TryGetValue(word[..length], out var prefixed))
                    {
                        foreach (var t in prefixed)
                        {
                            TryRecord(scratch, t, field, p, count);
                        }
                    }
                }
            }
        }

    }

    private void TryRecord(MatchScratch s, AnchoredTerm anchored, int f, int at, int wordCount)
    {
        var length = anchored.Length;
        var p = at - anchored.Offset;
        if (p < 0 || p + length > wordCount)
        {
            return;
        }

        var term = anchored.Term;
        var compiled = _terms[term];
        var variant = compiled.Variants[anchored.Variant];
        var tokens = s.Buffer.Tokens;
        for (var w = 0; w < length; w++)
        {
            if (w == anchored.Offset)
            {
                continue;
            }

            var expected = variant.VocabIds[w];
            if (expected >= 0 ? s.WordIds[p + w] != expected : !s.Buffer.Folded(p + w).StartsWith(variant.Prefixes[w]))
            {
                return;
            }
        }

        if (compiled.CaseSensitive)
        {
            for (var w = 0; w < length; w++)
            {
                var original = s.Text.AsSpan(tokens[p + w].Start, tokens[p + w].End - tokens[p + w].Start);
                var written = variant.Originals[w];
                if (variant.Prefixes[w] is null ? !original.SequenceEqual(written) : !original.StartsWith(written, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }

        s.Record(term, f, tokens[p].Start, tokens[p + length - 1].End, p, p + length - 1);
    }

    private IReadOnlyList<RuleMatch> Evaluate(MatchScratch scratch, string? title, string body)
    {
        var stamp = scratch.Stamp;
        var candidates = scratch.Candidates;
        foreach (var t in scratch.Touched)
        {
            foreach (var r in _terms[t].TriggerRules)
            {
                if (scratch.RuleStamp[r] != stamp)
                {
                    scratch.RuleStamp[r] = stamp;
                    candidates.Add(r);
                }
            }
        }

        candidates.Sort();
        List<RuleMatch>? results = null;
        foreach (var r in candidates)
        {
            var rule = _rules[r];
            if (QueryEvaluator.Evaluate(rule.Root, scratch))
            {
                (results ??= []).Add(BuildMatch(scratch, rule, title, body));
            }
        }

        return results is null ? [] : results;
    }

    private static RuleMatch BuildMatch(MatchScratch scratch, CompiledRule rule, string? title, string body)
    {
        var count = 0;
        var terms = new List<TermMatch>(rule.PositiveTerms.Length);
        var hits = scratch.RuleHits;
        hits.Clear();
        var displayOf = new Dictionary<int, string>(rule.PositiveTerms.Length);
        for (var i = 0; i < rule.PositiveTerms.Length; i++)
        {
            var t = rule.PositiveTerms[i];
            if (scratch.TotalHits[t] == 0)
            {
                continue;
            }

            var fields = rule.PositiveFields[i];
            var inTitle = (fields & FieldMask.Title) != 0 ? scratch.TitleHits[t] : 0;
            var inBody = (fields & FieldMask.Body) != 0 ? scratch.BodyHits[t] : 0;
            count += inTitle + inBody;
            if (inTitle > 0)
            {
                terms.Add(new TermMatch(rule.PositiveDisplays[i], "title", inTitle));
            }

            if (inBody > 0)
            {
                terms.Add(new TermMatch(rule.PositiveDisplays[i], "body", inBody));
            }

            displayOf[t] = rule.PositiveDisplays[i];
            for (var h = scratch.FirstHit[t]; h >= 0; h = scratch.Hits[h].Next)
            {
                var hit = scratch.Hits[h];
                if ((fields & (hit.Field == 0 ? FieldMask.Title : FieldMask.Body)) != 0)
                {
                    hits.Add(hit);
                }
            }
        }

        hits.Sort(TermHit.Compare);

        // Two terms of a rule can find the same words ("ceasefire OR cease-fire" with compounds): count them once.
        var distinct = 0;
        for (var h = 0; h < hits.Count; h++)
        {
            if (distinct == 0 || hits[distinct - 1].Field != hits[h].Field || hits[distinct - 1].Start != hits[h].Start
                || hits[distinct - 1].End != hits[h].End)
            {
                hits[distinct++] = hits[h];
            }
        }

        hits.RemoveRange(distinct, hits.Count - distinct);
        count = Math.Min(count, distinct);
        var ruleHits = new RuleHit[hits.Count];
        for (var h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            ruleHits[h] = new RuleHit(displayOf[hit.Term], hit.Field == 0 ? "title" : "body", hit.Start, hit.End - hit.Start);
        }

        var snippets = SnippetBuilder.Build(title, body, hits, scratch.SnippetRanges);
        return new RuleMatch(rule.Definition.Id, rule.Definition.Query, count, terms, snippets) { Hits = ruleHits };
    }

    private MatchScratch RentScratch()
    {
        for (var i = 0; i < _scratchPool.Length; i++)
        {
            var scratch = Interlocked.Exchange(ref _scratchPool[i], null);
            if (scratch is not null)
            {
                return scratch;
            }
        }

        return new MatchScratch(_terms.Length, _rules.Length);
    }

    private void ReturnScratch(MatchScratch scratch)
    {
        for (var i = 0; i < _scratchPool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _scratchPool[i], scratch, null) is null)
            {
                return;
            }
        }
    }
}
