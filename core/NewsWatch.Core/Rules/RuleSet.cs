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
        for (var r = 0; r < definitions.Length; r++)
        {
            var definition = definitions[r];
            var displays = new Dictionary<int, string>();
            var root = RuleParser.Parse(definition.Id, definition.Query, spec =>
            {
                if (!termIndex.TryGetValue(spec.Key, out var index))
                {
                    index = specs.Count;
                    termIndex.Add(spec.Key, index);
                    specs.Add(spec);
                }

                displays.TryAdd(index, spec.Display);
                return index;
            });
            var positive = new List<int>();
            root.CollectPositiveTerms(positive, []);
            compiled[r] = new CompiledRule(definition, root, positive.ToArray(), positive.Select(t => displays[t]).ToArray());
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new CompiledTerm[specs.Count];
        for (var t = 0; t < specs.Count; t++)
        {
            var ids = new int[specs[t].Tokens.Count];
            for (var w = 0; w < ids.Length; w++)
            {
                var token = specs[t].Tokens[w];
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

            terms[t] = new CompiledTerm(specs[t], ids);
        }

        for (var r = 0; r < compiled.Length; r++)
        {
            foreach (var t in compiled[r].PositiveTerms)
            {
                terms[t].PositiveRules.Add(r);
            }
        }

        var byAnchor = new List<AnchoredTerm>?[vocabulary.Count];
        var byPrefix = new Dictionary<string, List<AnchoredTerm>>(StringComparer.Ordinal);
        for (var t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            var anchor = term.Anchor;
            var entry = new AnchoredTerm(t, anchor, term.Length);
            var id = term.VocabIds[anchor];
            if (id >= 0)
            {
                (byAnchor[id] ??= []).Add(entry);
            }
            else
            {
                var prefix = term.Prefixes[anchor]!;
                if (!byPrefix.TryGetValue(prefix, out var list))
                {
                    byPrefix.Add(prefix, list = []);
                }

                list.Add(entry);
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
        if (length == 1)
        {
            var token = s.Buffer.Tokens[p];
            s.Record(term, f, token.Start, token.End);
            return;
        }

        var compiled = _terms[term];
        for (var w = 0; w < length; w++)
        {
            if (w == anchored.Offset)
            {
                continue;
            }

            var expected = compiled.VocabIds[w];
            if (expected >= 0 ? s.WordIds[p + w] != expected : !s.Buffer.Folded(p + w).StartsWith(compiled.Prefixes[w]))
            {
                return;
            }
        }

        var tokens = s.Buffer.Tokens;
        s.Record(term, f, tokens[p].Start, tokens[p + length - 1].End);
    }

    private IReadOnlyList<RuleMatch> Evaluate(MatchScratch scratch, string? title, string body)
    {
        var stamp = scratch.Stamp;
        var candidates = scratch.Candidates;
        foreach (var t in scratch.Touched)
        {
            foreach (var r in _terms[t].PositiveRules)
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
        for (var i = 0; i < rule.PositiveTerms.Length; i++)
        {
            var t = rule.PositiveTerms[i];
            if (scratch.TotalHits[t] == 0)
            {
                continue;
            }

            count += scratch.TotalHits[t];
            if (scratch.TitleHits[t] > 0)
            {
                terms.Add(new TermMatch(rule.PositiveDisplays[i], "title", scratch.TitleHits[t]));
            }

            if (scratch.BodyHits[t] > 0)
            {
                terms.Add(new TermMatch(rule.PositiveDisplays[i], "body", scratch.BodyHits[t]));
            }

            for (var h = scratch.FirstHit[t]; h >= 0; h = scratch.Hits[h].Next)
            {
                hits.Add(scratch.Hits[h]);
            }
        }

        if (rule.PositiveTerms.Length > 1)
        {
            hits.Sort(TermHit.Compare);
        }

        var snippets = SnippetBuilder.Build(title, body, hits, scratch.SnippetRanges);
        return new RuleMatch(rule.Definition.Id, rule.Definition.Query, count, terms, snippets);
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
