using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A compiled set of rules, matched together against an article's title and body.
/// </summary>
/// <remarks>
/// Compiling parses every rule, folds its words (case, diacritics, NFKC, see <c>FoldTable</c>) and indexes each
/// distinct term by its anchor: its longest exact word (else its longest prefix), the one least likely to be
/// common. Matching tokenises each field once, looks every word up in that index,
/// confirms the rest of a phrase word by word around the anchor, and evaluates only the rules whose terms were hit.
/// An instance is safe to use from many threads at once: immutable but for one heuristic count (whether to defer
/// wildcards, see <c>_deferScore</c>), which never changes a result.
/// </remarks>
public sealed class RuleSet
{
    private readonly RuleDefinition[] _definitions;
    private readonly CompiledRule[] _rules;
    private readonly CompiledTerm[] _terms;
    // Every rule word; the filter in front of it passes only the words that anchor some spelling (a phrase's
    // other words, often very common ones, are confirmed by VocabularyTable.Is instead of being probed).
    private readonly VocabularyTable _vocabulary;

    private readonly VocabularyTable _prefixes;

    // With many rules: the pairs of adjacent words that the phrases' anchors make with their checked neighbour
    // (AnchoredTerm.OtherHash); _vocabulary's filter then holds only the anchoring words that also anchor a
    // spelling without such a neighbour (a single word, a neighbour that is a wildcard), and a word that anchors
    // only phrases becomes a candidate where the pair filter passes the pair it makes with the word before or
    // after it. Null with few phrase anchors (the pass over every pair would cost more than the probes it saves).
    private readonly PairFilter? _pairs;

    // With the pair filter: the word filter and the pairs in one table keyed by the anchoring word (round 19), unless
    // that table would be larger than AnchorFilter.MaxBlocks (then the two filters are tested as before).
    private readonly AnchorFilter? _anchorFilter;

    /// <summary>Whether the set tests pairs of adjacent words (see <see cref="PairThreshold"/>).</summary>
    internal bool UsesPairFilter => _pairs is not null;

    /// <summary>Whether the set has the word and pair filters in one table as well (<see cref="AnchorFilter"/>; it has whenever it tests pairs, up to <see cref="AnchorFilter.MaxBlocks"/>).</summary>
    internal bool UsesAnchorFilter => _anchorFilter is not null;

    /// <summary>With fewer words that anchor only phrases, no <see cref="PairFilter"/> is built.</summary>
    internal const int PairThreshold = 256;

    // Prefixes of three chars or more by the StartBit of their first three chars (CSR, each bucket by length): a
    // word checks only the prefixes that start as it does, with one StartsWith each, instead of probing the prefix
    // table once per prefix length. Shorter prefixes keep the probe per length (_shortPrefixLengths).
    private readonly int[] _prefixBucketStart;
    private readonly int[] _prefixBucket;
    private readonly string[] _prefixById;
    private readonly int[] _shortPrefixLengths;

    // One bit per hash of the first three chars of every prefix of three chars or more: a text word whose first
    // three chars have no bit set is not probed for those prefixes at all (most words, with hundreds of prefixes).
    private readonly ulong[] _prefixStarts = new ulong[1024];

    // Wildcard terms that select no rule (no rule's trigger, e.g. the c* of ("a b" OR c*) AND (d OR e)) are not
    // looked for in the body's scan, only once a rule that reads one is a candidate (DeferredPass): a deferred
    // prefix (of three chars or more) anchors only such terms, and such a term only that one prefix. The start
    // bits of the other prefixes; the deferred prefixes rule r reads at [_deferredStart[r], _deferredStart[r + 1]).
    private readonly bool[] _prefixDeferred;
    private readonly ulong[] _eagerPrefixStarts = new ulong[1024];
    private readonly ulong[] _deferredPrefixStarts = new ulong[1024];
    private readonly bool _anyEagerStarts;
    private readonly bool _anyDeferred;
    private readonly int[] _deferredStart;
    private readonly int[] _deferredPrefixes;

    // Up by one for each article whose candidates needed a pass over every word for their deferred wildcards,
    // down by one for each that did not (0 to 32): from DeferScoreOff, the body's scan looks for them all again.
    // The one field written after construction: a heuristic, read and written without a lock.
    private int _deferScore;

    // Anchored spellings, grouped by anchor: those of vocabulary word i at [_anchorStart[i], _anchorStart[i + 1]),
    // those of prefix j after every word's, at index Count + j.
    private readonly int[] _anchorStart;
    private readonly AnchoredTerm[] _anchors;

    // The spelling's index in its term's variants, per anchored spelling (read only for a case-sensitive hit).
    private readonly int[] _anchorVariant;

    // The words of every multi-word spelling, flat: a vocabulary id, or ~i for the prefix _prefixTexts[i].
    private readonly int[] _words;
    private readonly string[] _prefixTexts;

    // The rules each term makes candidates, flat: those of term t at [_triggerStart[t], _triggerStart[t + 1]) (as
    // entries of _triggerEntries, below).
    private readonly int[] _triggerStart;
    // Every rule's query in the flat form of QueryEvaluator.Compile, each after its result block (below), and the
    // NEAR nodes that form refers to (evaluated on the tree).
    private readonly int[] _program;
    private readonly QueryNode[] _nears;

    // What a candidate needs, in as few cache lines as a chain of dependent loads allows: each rule's program in
    // _program is preceded by its result block (ResultBlock: its positive terms, their fields, the place of its
    // displays in _displayPool), and each term's candidates are listed with that block's place (pairs of rule and
    // block in _triggerEntries, term t's at [2 * _triggerStart[t], 2 * _triggerStart[t + 1])); a matched rule's id
    // and query are at _idQuery[2 * r] and [2 * r + 1]. So a candidate costs the load of its trigger entry, then
    // one of its block (asked for ahead), and a match two more, of addresses known at once: no CompiledRule,
    // RuleDefinition or per-rule array is read.
    private readonly int[] _triggerEntries;
    private readonly string[] _displayPool;
    private readonly string[] _idQuery;

    private readonly MatchScratch?[] _scratchPool = new MatchScratch?[Math.Max(2, Environment.ProcessorCount)];

    /// <summary>
    /// Takes the previous code path of the changes being measured (through <see cref="Old"/>, for the changes in
    /// <see cref="BaselineSteps"/>), so that the benchmark's A/B mode (<c>rule-curve ab</c>) can time both in one
    /// process, article by article. Off in production; the two paths give the same results (round retire19 retired
    /// the changes before round 19).
    /// </summary>
    internal bool Baseline { get; set; }

    /// <summary>
    /// Which of the changes <see cref="Baseline"/> turns off (bits of <see cref="Step"/>; all by default), so that
    /// each can be timed on its own.
    /// </summary>
    internal static Step BaselineSteps { get; set; } = (Step)(-1);

    /// <summary>
    /// The changes still measured, for <see cref="BaselineSteps"/>: a new change gets a bit here, its previous path
    /// taken where <see cref="Old"/> says so. The bits of the settled changes of rounds scan15, results15, pairs16,
    /// the lead's round 16, structured17, 17, pairs18 and 18 (1, 2, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096,
    /// 8192, 16384 and 65536) were retired with their previous paths in rounds retire18, retire18b and retire19.
    /// </summary>
    [Flags]
    internal enum Step
    {
        /// <summary>Round probe19: the anchoring words are probed in slots that hold their anchor range (VocabularyTable.WithAnchorRanges), not read from <see cref="_anchorStart"/> after the slot.</summary>
        AnchorSlots = 32768,

        /// <summary>Round 19: words and pairs tested by one table keyed by the anchoring word (<see cref="AnchorFilter"/>), one gather per word.</summary>
        AnchorBlocks = 524288,
    }

    /// <summary>Whether to take the previous path of <paramref name="step"/> (see <see cref="Baseline"/>).</summary>
    private bool Old(Step step) => Baseline && (BaselineSteps & step) != 0;

    private RuleSet(RuleDefinition[] definitions, CompiledRule[] rules, CompiledTerm[] terms, int[][] triggers,
        List<string> vocabulary, List<string> prefixes)
    {
        _definitions = definitions;
        _rules = rules;
        _terms = terms;
        var vocabularyAll = new VocabularyTable(vocabulary);
        _prefixes = new VocabularyTable(prefixes);
        _shortPrefixLengths = prefixes.Select(k => k.Length).Where(l => l < 3).Distinct().Order().ToArray();
        _prefixById = [.. prefixes];
        var long3 = Enumerable.Range(0, prefixes.Count).Where(i => prefixes[i].Length >= 3)
            .OrderBy(i => StartBit(prefixes[i])).ThenBy(i => prefixes[i].Length).ThenBy(i => i).ToArray();
        _prefixBucket = long3;
        _prefixBucketStart = long3.Length == 0 ? [] : new int[(1 << 16) + 1];
        if (long3.Length > 0)
        {
            foreach (var i in long3)
            {
                _prefixBucketStart[StartBit(prefixes[i]) + 1]++;
            }

            for (var b = 1; b < _prefixBucketStart.Length; b++)
            {
                _prefixBucketStart[b] += _prefixBucketStart[b - 1];
            }
        }
        foreach (var prefix in prefixes)
        {
            if (prefix.Length >= 3)
            {
                var bit = StartBit(prefix);
                _prefixStarts[bit >> 6] |= 1UL << bit;
            }
        }

        // Anchors, counted then placed (counting sort by anchor id).
        var anchorCount = new int[vocabulary.Count + prefixes.Count + 1];
        var wordCount = 0;
        foreach (var term in terms)
        {
            foreach (var variant in term.Variants)
            {
                anchorCount[AnchorId(variant, vocabulary.Count) + 1]++;
                wordCount += variant.Length > 1 ? variant.Length : 0;
            }
        }

        for (var i = 1; i < anchorCount.Length; i++)
        {
            anchorCount[i] += anchorCount[i - 1];
        }

        _anchorStart = anchorCount;
        _anchors = new AnchoredTerm[anchorCount[^1]];
        _anchorVariant = new int[anchorCount[^1]];
        _words = new int[wordCount];
        var fill = anchorCount[..^1];
        var prefixIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixTexts = new List<string>();
        var w = 0;
        for (var t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            for (var v = 0; v < term.Variants.Length; v++)
            {
                var variant = term.Variants[v];
                var words = -1;
                if (variant.Length > 1)
                {
                    words = w;
                    for (var k = 0; k < variant.Length; k++)
                    {
                        var prefix = variant.Prefixes[k];
                        if (prefix is null)
                        {
                            _words[w++] = variant.VocabIds[k];
                        }
                        else
                        {
                            if (!prefixIndex.TryGetValue(prefix, out var index))
                            {
                                prefixIndex.Add(prefix, index = prefixTexts.Count);
                                prefixTexts.Add(prefix);
                            }

                            _words[w++] = ~index;
                        }
                    }
                }

                var anchor = AnchorId(variant, vocabulary.Count);
                var other = AnchoredTerm.OtherIndexOf(variant.Anchor);
                uint? otherHash = variant.Length > 1 && variant.VocabIds[other] >= 0 ? VocabularyTable.Hash(vocabulary[variant.VocabIds[other]]) : null;
                _anchorVariant[fill[anchor]] = v;
                _anchors[fill[anchor]++] = new AnchoredTerm(t, variant.Anchor, variant.Length, words, term.CaseSensitive, otherHash);
            }
        }

        // Which anchoring words need the word filter, and the pairs of the others.
        var needsWord = new bool[vocabulary.Count];
        var pairs = new List<(uint Left, uint Right, bool AnchorRight)>();
        var phraseOnly = 0;
        for (var id = 0; id < vocabulary.Count; id++)
        {
            for (var a = anchorCount[id]; a < anchorCount[id + 1]; a++)
            {
                var anchored = _anchors[a];
                if (anchored.Length > 1 && anchored.HasOther)
                {
                    var hash = vocabularyAll.HashOf(id);
                    pairs.Add(anchored.OtherIndex < anchored.Offset ? (anchored.OtherHash, hash, true) : (hash, anchored.OtherHash, false));
                }
                else
                {
                    needsWord[id] = true;
                }
            }

            phraseOnly += anchorCount[id] < anchorCount[id + 1] && !needsWord[id] ? 1 : 0;
        }

        if (phraseOnly >= PairThreshold)
        {
            _pairs = new PairFilter(pairs);
            _vocabulary = vocabularyAll.Filtered(id => anchorCount[id] < anchorCount[id + 1] && needsWord[id]);
            var wordHashes = Enumerable.Range(0, vocabulary.Count).Where(id => anchorCount[id] < anchorCount[id + 1] && needsWord[id])
                .Select(vocabularyAll.HashOf).ToList();
            _anchorFilter = AnchorFilter.BlocksFor(wordHashes.Count, pairs.Count) <= AnchorFilter.MaxBlocks ? new AnchorFilter(wordHashes, pairs) : null;
        }
        else
        {
            _vocabulary = vocabularyAll.Filtered(id => anchorCount[id] < anchorCount[id + 1]);
        }

        _vocabulary = _vocabulary.WithAnchorRanges(_anchorStart);

        _prefixTexts = [.. prefixTexts];
        (_prefixDeferred, _deferredStart, _deferredPrefixes) = Deferred(rules, terms, triggers, vocabulary.Count, prefixes, _anchorStart, _anchors);
        (_program, _nears, _displayPool, var blocks) = Program(rules);
        _idQuery = new string[2 * rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            _idQuery[2 * r] = rules[r].Definition.Id;
            _idQuery[(2 * r) + 1] = rules[r].Definition.Query;
        }
        for (var j = 0; j < prefixes.Count; j++)
        {
            _anyDeferred |= _prefixDeferred[j];
            if (prefixes[j].Length >= 3)
            {
                var bit = StartBit(prefixes[j]);
                (_prefixDeferred[j] ? _deferredPrefixStarts : _eagerPrefixStarts)[bit >> 6] |= 1UL << bit;
                _anyEagerStarts |= !_prefixDeferred[j];
            }
        }

        _triggerStart = new int[terms.Length + 1];
        foreach (var list in triggers)
        {
            foreach (var t in list)
            {
                _triggerStart[t + 1]++;
            }
        }

        for (var t = 1; t < _triggerStart.Length; t++)
        {
            _triggerStart[t] += _triggerStart[t - 1];
        }

        _triggerEntries = new int[2 * _triggerStart[^1]];
        var next = _triggerStart[..^1];
        for (var r = 0; r < triggers.Length; r++)
        {
            foreach (var t in triggers[r])
            {
                _triggerEntries[2 * next[t]] = r;
                _triggerEntries[(2 * next[t]++) + 1] = blocks[r]; // rules in ascending order per term
            }
        }

        int AnchorId(CompiledVariant variant, int vocabularyCount) =>
            variant.VocabIds[variant.Anchor] is var id and >= 0 ? id : vocabularyCount + _prefixes.Find(variant.Prefixes[variant.Anchor], VocabularyTable.Hash(variant.Prefixes[variant.Anchor]!));
    }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<RuleDefinition> Rules => _definitions;

    /// <summary>How many wildcard prefixes are looked for only when a rule that reads them is a candidate (for tests).</summary>
    internal int DeferredPrefixCount => _prefixDeferred.Count(d => d);

    /// <summary>
    /// Every rule's query in the flat form of <see cref="QueryEvaluator.Compile"/>, each preceded by its
    /// <see cref="ResultBlock"/> (see <see cref="_program"/>), and every rule's term displays, flat.
    /// </summary>
    private static (int[] Program, QueryNode[] Nears, string[] Displays, int[] Blocks) Program(CompiledRule[] rules)
    {
        var program = new List<int>();
        var nears = new List<QueryNode>();
        var displays = new List<string>();
        var blocks = new int[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            blocks[r] = program.Count;
            ResultBlock.Append(program, rules[r], displays.Count);
            displays.AddRange(rules[r].PositiveDisplays);
            QueryEvaluator.Compile(rules[r].Root, program, nears);
        }

        return ([.. program], [.. nears], [.. displays], blocks);
    }

    /// <summary>
    /// Which prefixes are deferred (see <see cref="_prefixDeferred"/>), and the deferred prefixes each rule reads
    /// (flat, by rule). A term can be deferred when it selects no rule and every spelling of it is anchored by one
    /// and the same prefix of three chars or more; a prefix when every spelling it anchors is of such a term.
    /// </summary>
    private static (bool[] Prefixes, int[] RuleStart, int[] RulePrefixes) Deferred(CompiledRule[] rules, CompiledTerm[] terms,
        int[][] triggers, int vocabularyCount, List<string> prefixes, int[] anchorStart, AnchoredTerm[] anchors)
    {
        var term = new bool[terms.Length];
        for (var t = 0; t < terms.Length; t++)
        {
            var first = terms[t].Variants[0];
            var prefix = first.VocabIds[first.Anchor] < 0 ? first.Prefixes[first.Anchor] : null;
            term[t] = prefix is { Length: >= 3 }
                && terms[t].Variants.All(v => v.VocabIds[v.Anchor] < 0 && v.Prefixes[v.Anchor] == prefix);
        }

        foreach (var list in triggers)
        {
            foreach (var t in list)
            {
                term[t] = false;
            }
        }

        var deferred = new bool[prefixes.Count];
        var termPrefix = new int[terms.Length];
        for (var j = 0; j < prefixes.Count; j++)
        {
            var id = vocabularyCount + j;
            var all = prefixes[j].Length >= 3;
            for (var a = anchorStart[id]; all && a < anchorStart[id + 1]; a++)
            {
                all = term[anchors[a].Term];
            }

            deferred[j] = all;
            for (var a = anchorStart[id]; a < anchorStart[id + 1]; a++)
            {
                termPrefix[anchors[a].Term] = j;
            }
        }

        // A term whose prefix also anchors terms read in the scan is read there too (a term has one prefix).
        for (var t = 0; t < terms.Length; t++)
        {
            term[t] = term[t] && deferred[termPrefix[t]];
        }

        var ruleStart = new int[rules.Length + 1];
        var rulePrefixes = new List<int>();
        var stack = new Stack<QueryNode>();
        for (var r = 0; r < rules.Length; r++)
        {
            stack.Push(rules[r].Root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node.Kind == QueryNodeKind.Term && term[node.TermIndex] && !rulePrefixes.Skip(ruleStart[r]).Contains(termPrefix[node.TermIndex]))
                {
                    rulePrefixes.Add(termPrefix[node.TermIndex]);
                }

                foreach (var child in node.Children)
                {
                    stack.Push(child);
                }
            }

            ruleStart[r + 1] = rulePrefixes.Count;
        }

        return (deferred, ruleStart, [.. rulePrefixes]);
    }

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
                    if (spec.Variants.Any(v => v.Count > AnchoredTerm.MaxLength))
                    {
                        throw new RuleSyntaxException(definition.Id, definition.Query, 1, $"a phrase of more than {AnchoredTerm.MaxLength:N0} words");
                    }

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

        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            foreach (var variant in term.Variants)
            {
                if (variant.VocabIds[variant.Anchor] < 0)
                {
                    prefixes.TryAdd(variant.Prefixes[variant.Anchor]!, prefixes.Count);
                }
            }
        }

        return new RuleSet(
            definitions,
            compiled,
            terms,
            triggers,
            vocabulary.OrderBy(p => p.Value).Select(p => p.Key).ToList(),
            prefixes.OrderBy(p => p.Value).Select(p => p.Key).ToList());
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
    /// such set among the operands of an AND or NEAR (the longest words on a tie), the kept side of a NOT. Among
    /// the operands of an AND or NEAR, a set without a wildcard term comes before any set with one, whatever their
    /// sizes: a wildcard that selects no rule is looked for in the body only when a rule that reads it is a
    /// candidate (see <see cref="DeferredPass"/>), whereas one that selects rules costs a test of every word.
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
                var bestWild = false;
                foreach (var child in node.Children)
                {
                    var set = Triggers(child, specs);
                    var length = set.Min(t => specs[t].Tokens.Max(k => k.Text.Length));
                    var wild = set.Any(t => IsWildcardAnchored(specs[t]));
                    if (best is null || (bestWild && !wild)
                        || (wild == bestWild && (set.Length < best.Length || (set.Length == best.Length && length > bestLength))))
                    {
                        best = set;
                        bestLength = length;
                        bestWild = wild;
                    }
                }

                return best!;
        }
    }

    /// <summary>Whether some spelling of <paramref name="spec"/> has no exact word (it is found through a wildcard prefix).</summary>
    private static bool IsWildcardAnchored(TermSpec spec) => spec.Variants.Any(v => v.All(k => k.Prefix));

    /// <summary>Matches every rule against the title and body; returns only the rules that matched, in rule order.</summary>
    public IReadOnlyList<RuleMatch> Match(string? title, string body) => Run(title, body, build: true, out _);

    /// <summary>
    /// How many rules match, without building their results (terms, hits, snippets): the cost of selecting the
    /// rules alone, which the benchmarks report beside the cost of <see cref="Match"/>.
    /// </summary>
    internal int CountMatches(string? title, string body)
    {
        Run(title, body, build: false, out var matched);
        return matched;
    }

    private IReadOnlyList<RuleMatch> Run(string? title, string body, bool build, out int matched)
    {
        ArgumentNullException.ThrowIfNull(body);
        matched = 0;
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

            return EvaluateBlocks(scratch, title, body, build, out matched);
        }
        finally
        {
            scratch.ReleaseLarge();
            ReturnScratch(scratch);
        }
    }

    /// <summary>The largest text (in chars) a pooled scratch has room for without growing (tests check it stays bounded).</summary>
    internal int PooledScratchCapacityChars()
    {
        var largest = 0;
        foreach (var scratch in _scratchPool)
        {
            largest = Math.Max(largest, scratch?.CapacityChars ?? 0);
        }

        return largest;
    }

    private void Scan(MatchScratch scratch, string text, int field)
    {
        var buffer = scratch.Buffer;
        scratch.Text = text;
        buffer.Split(text);
        var count = buffer.Count;
        if (scratch.WordIds.Length < count)
        {
            scratch.WordIds = new int[Math.Max(count, scratch.WordIds.Length * 2)];
        }

        // The positions of the words found, gathered without a branch: with many rules a word is found or not
        // about as often, and a branch on it would be mispredicted every other word.
        if (scratch.FoundAt.Length < count)
        {
            scratch.FoundAt = new int[Math.Max(count, scratch.FoundAt.Length * 2)];
        }

        if (scratch.PrefixAt.Length < count)
        {
            scratch.PrefixAt = new int[Math.Max(count, scratch.PrefixAt.Length * 2)];
        }

        var pairs = _pairs;
        if (scratch.AnchorRanges.Length < 2 * count)
        {
            scratch.AnchorRanges = new int[Math.Max(2 * count, scratch.AnchorRanges.Length * 2)];
        }

        var ids = scratch.WordIds.AsSpan(0, count);
        var vocabulary = _vocabulary;
        var folded = buffer.FoldedChars;
        var startFold = buffer.StartFold.AsSpan(0, count);
        var endFold = buffer.EndFold.AsSpan(0, count);
        var anchorStart = _anchorStart;
        var foundAt = scratch.FoundAt;
        var prefixAt = scratch.PrefixAt;
        var ranges = scratch.AnchorRanges;
        const int Ahead = 8;

        // Wildcards of three chars or more, and none shorter: the words whose first three chars have a bit in
        // _prefixStarts are gathered in the same loop (a word under three chars reads into the chars after it, in
        // the fold buffer's slack, and is masked off).
        var inPlace = buffer.CanHashInPlace;
        var gatherPrefixes = _prefixes.Count > 0 && _shortPrefixLengths.Length == 0 && inPlace;
        if (!inPlace)
        {
            buffer.HashWords();
        }

        var hashes = buffer.HashArray();

        // In the body, the wildcards that select no rule wait until a rule that reads them is a candidate (unless
        // most articles lately needed them anyway, see SearchDeferred).
        var deferrable = gatherPrefixes && field == 1 && _anyDeferred;
        var defer = deferrable && _deferScore < DeferScoreOff;
        scratch.DeferrableBody = deferrable;
        scratch.DeferredPending = defer;
        var scanStarts = !defer ? _prefixStarts : _anyEagerStarts ? _eagerPrefixStarts : null;

        // First each word is hashed and filtered, without a branch: the words that may be some rule's word, in
        // order (in foundAt); then only those are probed, their slots prefetched some candidates ahead. (Each loop
        // is a small method of its own, so that the JIT keeps its values in registers.)
        int candidates;
        var prefixCandidates = 0;

        // With the pair filter and AVX-512, the pairs are tested in the hash-and-filter loop itself (else by
        // AddPairs, after it).
        var fused = inPlace && pairs is not null && VectorHashFilter.IsSupported;
        var heads = fused && defer;
        scratch.HeadsValid = heads;
        if (heads && scratch.WordHeads.Length < count + 8)
        {
            scratch.WordHeads = new ulong[Math.Max(count + 8, scratch.WordHeads.Length * 2)];
        }

        if (fused && _anchorFilter is not null && !Old(Step.AnchorBlocks))
        {
            candidates = VectorHashFilter.RunAnchors(_anchorFilter, gatherPrefixes ? scanStarts : null, folded, buffer.StartFold, buffer.EndFold,
                count, hashes, scratch.WordIds, foundAt, prefixAt, out prefixCandidates, heads: heads ? scratch.WordHeads : null);
        }
        else if (fused)
        {
            candidates = VectorHashFilter.RunPairs(vocabulary, pairs!, gatherPrefixes ? scanStarts : null, folded, buffer.StartFold, buffer.EndFold,
                count, hashes, scratch.WordIds, foundAt, prefixAt, out prefixCandidates,
                heads: heads ? scratch.WordHeads : null);
        }
        else if (inPlace)
        {
            var prefixStarts = gatherPrefixes ? scanStarts : null;
            candidates = VectorHashFilter.IsSupported
                ? VectorHashFilter.Run(vocabulary, prefixStarts, folded, buffer.StartFold, buffer.EndFold, count, hashes, scratch.WordIds, foundAt, prefixAt, out prefixCandidates)
                : HashAndFilter(vocabulary, prefixStarts, folded, startFold, endFold, hashes, ids, foundAt, prefixAt, out prefixCandidates);
        }
        else
        {
            candidates = 0;
            for (var p = 0; p < ids.Length; p++)
            {
                ids[p] = -1;
                foundAt[candidates] = p;
                candidates += vocabulary.MayContain(hashes[p]);
            }
        }

        if (pairs is not null && !fused)
        {
            var blocks = (count >> 6) + 1;
            if (scratch.CandidateBits.Length < blocks)
            {
                scratch.CandidateBits = new ulong[Math.Max(blocks, scratch.CandidateBits.Length * 2)];
            }

            candidates = AddPairs(pairs, hashes, count, foundAt, candidates, scratch.CandidateBits);
        }

        // Only the words found can anchor a spelling (in word order, as below), and of those only the ones that
        // anchor some spelling (the filter's false positives may be only a phrase's other word): kept branch-free
        // by the probe itself (where the load of the word's anchor range overlaps the next probes; the range is
        // written beside the place, so that the loops below read both in order, without a chain of dependent
        // loads), then visited with their first anchored spelling prefetched some words ahead (and, a few words
        // later, that spelling's term state).
        var anchoring = vocabulary.HasAnchorSlots && !Old(Step.AnchorSlots)
            ? ProbeAnchoringSlots(vocabulary, _anchors, folded, startFold, endFold, hashes, ids, foundAt, ranges, candidates)
            : ProbeAnchoring(vocabulary, anchorStart, folded, startFold, endFold, hashes, ids, foundAt, ranges, candidates);
        if (_prefixes.Count == 0 || (gatherPrefixes && prefixCandidates == 0))
        {
            for (var k = 0; k < anchoring; k++)
            {
                if (k + Ahead < anchoring)
                {
                    PrefetchAnchor(ranges[2 * (k + Ahead)]);
                }

                RecordAnchored(scratch, ranges[2 * k], ranges[(2 * k) + 1], field, foundAt[k], count);
            }

            return;
        }

        if (!gatherPrefixes)
        {
            ScanShortPrefixes(scratch, field, count);
            return;
        }

        // The words that may start with a wildcard prefix (gathered above) and the anchoring words, two sorted
        // lists of places, are merged so that every word's spellings are recorded in word order, its exact
        // anchors before its prefixes, as a word-by-word loop would.
        var a = 0;
        var b = 0;
        while (a < anchoring || b < prefixCandidates)
        {
            var pa = a < anchoring ? foundAt[a] : int.MaxValue;
            var pb = b < prefixCandidates ? prefixAt[b] : int.MaxValue;
            if (pa <= pb)
            {
                if (a + Ahead < anchoring)
                {
                    PrefetchAnchor(ranges[2 * (a + Ahead)]);
                }

                RecordAnchored(scratch, ranges[2 * a], ranges[(2 * a) + 1], field, pa, count);
                a++;
            }

            if (pb <= pa)
            {
                RecordPrefixes(scratch, field, pb, count, defer ? PrefixSet.Eager : PrefixSet.All);
                b++;
            }
        }
    }

    /// <summary>
    /// Before the candidates are evaluated, records the body's hits of the deferred wildcards they read: each
    /// prefix searched for on its own (<see cref="DeferredPass"/>) when there are at most
    /// <see cref="MaxDeferredSearches"/>, else all deferred prefixes in one pass over the words, as the scan would
    /// (<see cref="DeferredWordPass"/>; hits of prefixes no candidate reads are recorded too, and read by none).
    /// </summary>
    private void SearchDeferred(MatchScratch scratch, List<int> candidates)
    {
        if (!scratch.DeferredPending && (scratch.Stamp & 7) != 0)
        {
            // Scanned for every wildcard: one article in eight updates the score.
            return;
        }

        var needed = scratch.DeferredNeeded;
        needed.Clear();
        if (scratch.DeferredMarks.Length < _prefixById.Length)
        {
            scratch.DeferredMarks = new int[_prefixById.Length];
        }

        var marks = scratch.DeferredMarks;
        if (++scratch.DeferredMark == int.MaxValue)
        {
            Array.Clear(marks);
            scratch.DeferredMark = 1;
        }

        var mark = scratch.DeferredMark;
        foreach (var r in candidates)
        {
            for (var i = _deferredStart[r]; i < _deferredStart[r + 1]; i++)
            {
                var prefixId = _deferredPrefixes[i];
                if (marks[prefixId] != mark)
                {
                    marks[prefixId] = mark;
                    needed.Add(prefixId);
                }
            }
        }

        // A pass over the words costs more than the scan's test of the same words: where most articles need one,
        // the scan looks for every wildcard again (a racy count is enough for this choice; results are the same).
        var wordPass = needed.Count > MaxDeferredSearches;
        _deferScore = Math.Clamp(_deferScore + (wordPass ? 1 : -1), 0, 2 * DeferScoreOff);
        if (!scratch.DeferredPending)
        {
            return;
        }

        scratch.DeferredPending = false;
        if (wordPass)
        {
            DeferredWordPass(scratch);
            return;
        }

        foreach (var prefixId in needed)
        {
            DeferredPass(scratch, prefixId);
        }
    }

    /// <summary>The <see cref="_deferScore"/> from which the body's scan looks for the deferred wildcards too.</summary>
    private const int DeferScoreOff = 16;

    /// <summary>Whether the body's scan now defers the wildcards that select no rule (for tests).</summary>
    internal bool DefersWildcards => _anyDeferred && _deferScore < DeferScoreOff;

    /// <summary>
    /// With more deferred prefixes to find in an article than this, one pass over its words (a start-bit test
    /// each) costs less than searching for each prefix in its text.
    /// </summary>
    internal const int MaxDeferredSearches = 4;

    /// <summary>Records the body's hits of every deferred prefix, word by word (see <see cref="SearchDeferred"/>).</summary>
    private void DeferredWordPass(MatchScratch scratch)
    {
        var buffer = scratch.Buffer;
        var count = buffer.Count;
        var folded = buffer.FoldedChars;
        var startFold = buffer.StartFold;
        var endFold = buffer.EndFold;
        var starts = _deferredPrefixStarts;
        for (var p = 0; p < count; p++)
        {
            var start = startFold[p];
            if (endFold[p] - start >= 3)
            {
                var bit = StartBit(ref folded[start]);
                if (((starts[bit >> 6] >> bit) & 1) != 0)
                {
                    RecordPrefixes(scratch, 1, p, count, PrefixSet.Deferred);
                }
            }
        }
    }

    /// <summary>
    /// Records the body's hits of the deferred terms anchored by prefix <paramref name="prefixId"/> (the scratch
    /// still holds the body's words, the last field scanned): the prefix is searched for in the folded text (a
    /// vectorised <c>IndexOf</c>), and each place where a word starts with it is recorded as the scan would, in
    /// word order. Run once per prefix and article, when a candidate rule reads one of those terms, before any rule
    /// is evaluated; each deferred term has one prefix (see <see cref="Deferred"/>), so its hits stay in word order.
    /// </summary>
    private void DeferredPass(MatchScratch scratch, int prefixId)
    {
        var buffer = scratch.Buffer;
        var count = buffer.Count;
        if (count == 0)
        {
            return;
        }

        var startFold = buffer.StartFold.AsSpan(0, count);
        var endFold = buffer.EndFold;
        var folded = buffer.FoldedChars.AsSpan(0, endFold[count - 1]);
        var prefix = _prefixById[prefixId];
        var anchor = _vocabulary.Count + prefixId;
        if (scratch.HeadsValid)
        {
            HeadsPass(scratch, prefix, anchor);
            return;
        }

        var from = 0;
        while (from <= folded.Length - prefix.Length)
        {
            var found = folded[from..].IndexOf(prefix, StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            var p = startFold.BinarySearch(at);
            if (p >= 0 && endFold[p] - at >= prefix.Length)
            {
                RecordAnchored(scratch, _anchorStart[anchor], _anchorStart[anchor + 1], 1, p, count);
                from = endFold[p];
            }
            else
            {
                from = at + 1;
            }
        }
    }

    /// <summary>
    /// <see cref="DeferredPass"/> by the words' first four chars (<see cref="MatchScratch.WordHeads"/>): four words
    /// at a time compared with the prefix's first chars (up to four, the rest of the value masked off), then each
    /// equal word's length and the prefix's remaining chars checked. The same places, in the same word order, as
    /// the search in the text; only word starts are compared, and no word is read twice.
    /// </summary>
    private void HeadsPass(MatchScratch scratch, string prefix, int anchor)
    {
        var buffer = scratch.Buffer;
        var count = buffer.Count;
        var startFold = buffer.StartFold;
        var endFold = buffer.EndFold;
        var folded = buffer.FoldedChars;
        var heads = scratch.WordHeads;
        var length = prefix.Length;
        var first = Math.Min(length, 4);
        var key = 0UL;
        for (var c = first - 1; c >= 0; c--)
        {
            key = (key << 16) | prefix[c];
        }

        var mask = first == 4 ? ulong.MaxValue : (1UL << (16 * first)) - 1;
        var keys = Vector256.Create(key);
        var masks = Vector256.Create(mask);
        var rest = prefix.AsSpan(first);
        ref var head = ref MemoryMarshal.GetArrayDataReference(heads);
        Debug.Assert(heads.Length >= count + 8, "the scan wrote the heads of this article's words");
        for (var p = 0; p < count; p += 4)
        {
            var equal = Vector256.Equals(Vector256.LoadUnsafe(ref head, (nuint)p) & masks, keys).ExtractMostSignificantBits();
            while (equal != 0)
            {
                var q = p + BitOperations.TrailingZeroCount(equal);
                equal &= equal - 1;
                var start = startFold[q];
                if (endFold[q] - start >= length && (rest.IsEmpty || folded.AsSpan(start + first, rest.Length).SequenceEqual(rest)))
                {
                    RecordAnchored(scratch, _anchorStart[anchor], _anchorStart[anchor + 1], 1, q, count);
                }
            }
        }
    }

    /// <summary>Which wildcard prefixes <see cref="RecordPrefixes"/> looks for.</summary>
    private enum PrefixSet
    {
        /// <summary>Every prefix.</summary>
        All,

        /// <summary>The prefixes that are not deferred.</summary>
        Eager,

        /// <summary>The deferred prefixes only.</summary>
        Deferred,
    }

    /// <summary>Records the spellings anchored by the prefixes of three chars or more (of <paramref name="which"/>) that word <paramref name="p"/> starts with.</summary>
    private void RecordPrefixes(MatchScratch scratch, int field, int p, int count, PrefixSet which = PrefixSet.All)
    {
        var word = scratch.Buffer.Folded(p);
        var bit = StartBit(word);
        var vocabularyCount = _vocabulary.Count;
        for (var i = _prefixBucketStart[bit]; i < _prefixBucketStart[bit + 1]; i++)
        {
            var prefixId = _prefixBucket[i];
            if (which != PrefixSet.All && _prefixDeferred[prefixId] != (which == PrefixSet.Deferred))
            {
                continue;
            }

            if (word.StartsWith(_prefixById[prefixId]))
            {
                var found = prefixId + vocabularyCount;
                RecordAnchored(scratch, _anchorStart[found], _anchorStart[found + 1], field, p, count);
            }
        }
    }

    /// <summary>The scan's last step, word by word, for rule sets with wildcard prefixes under three chars.</summary>
    private void ScanShortPrefixes(MatchScratch scratch, int field, int count)
    {
        var ids = scratch.WordIds;
        var buffer = scratch.Buffer;
        var anchorStart = _anchorStart;
        for (var p = 0; p < count; p++)
        {
            var id = ids[p];
            if (id >= 0 && anchorStart[id] < anchorStart[id + 1])
            {
                RecordAnchored(scratch, anchorStart[id], anchorStart[id + 1], field, p, count);
            }

            var word = buffer.Folded(p);
            foreach (var length in _shortPrefixLengths)
            {
                if (length > word.Length)
                {
                    break;
                }

                var prefix = word[..length];
                var found = _prefixes.Find(prefix, VocabularyTable.Hash(prefix));
                if (found >= 0)
                {
                    found += _vocabulary.Count;
                    RecordAnchored(scratch, anchorStart[found], anchorStart[found + 1], field, p, count);
                }
            }

            if (word.Length >= 3 && (_prefixStarts[StartBit(word) >> 6] & (1UL << StartBit(word))) != 0)
            {
                RecordPrefixes(scratch, field, p, count);
            }
        }
    }

    /// <summary>
    /// Hashes every word in place, writes -1 to its id, and gathers without a branch the words that pass the
    /// vocabulary's filter into <paramref name="foundAt"/> (returning how many) and, with
    /// <paramref name="prefixStarts"/>, the words of three chars or more whose first three chars have a bit there
    /// into <paramref name="prefixAt"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int HashAndFilter(VocabularyTable vocabulary, ulong[]? prefixStarts, char[] folded, ReadOnlySpan<int> startFold,
        ReadOnlySpan<int> endFold, uint[] hashes, Span<int> ids, int[] foundAt, int[] prefixAt, out int prefixCandidates)
    {
        var candidates = 0;
        prefixCandidates = 0;
        ref var chars = ref MemoryMarshal.GetArrayDataReference(folded);
        if (prefixStarts is null)
        {
            for (var p = 0; p < ids.Length; p++)
            {
                var foldStart = startFold[p];
                var hash = VocabularyTable.HashAt(ref Unsafe.Add(ref chars, foldStart), endFold[p] - foldStart);
                hashes[p] = hash;
                ids[p] = -1;
                foundAt[candidates] = p;
                candidates += vocabulary.MayContain(hash);
            }

            return candidates;
        }

        var gathered = 0;
        for (var p = 0; p < ids.Length; p++)
        {
            var foldStart = startFold[p];
            var length = endFold[p] - foldStart;
            ref var start = ref Unsafe.Add(ref chars, foldStart);
            var hash = VocabularyTable.HashAt(ref start, length);
            hashes[p] = hash;
            ids[p] = -1;
            foundAt[candidates] = p;
            candidates += vocabulary.MayContain(hash);
            var bit = StartBit(ref start);
            prefixAt[gathered] = p;
            gathered += (int)((prefixStarts[bit >> 6] >> bit) & 1) & (int)((uint)(2 - length) >> 31);
        }

        prefixCandidates = gathered;
        return candidates;
    }

    /// <summary>
    /// Adds to the <paramref name="candidates"/> words at the start of <paramref name="foundAt"/> (in order) both
    /// words of every pair of adjacent words that passes <paramref name="pairs"/>, and writes them all back in
    /// order, each once; returns how many. The pairs are tested without a branch, 64 to a word of bits. The path of
    /// CPUs without AVX-512 (where the pairs are not tested in VectorHashFilter.RunPairs); internal for its tests.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int AddPairs(PairFilter pairs, uint[] hashes, int count, int[] foundAt, int candidates, ulong[] bits)
    {
        var blocks = (count >> 6) + 1;
        Array.Clear(bits, 0, blocks);
        for (var k = 0; k < candidates; k++)
        {
            var p = foundAt[k];
            bits[p >> 6] |= 1UL << p;
        }

        // Pair q (words q and q + 1) sets bit q of `passed`; word p is a candidate when pair p - 1 or pair p passed.
        var carry = 0UL;
        var n = 0;
        for (var b = 0; b < blocks; b++)
        {
            var start = b << 6;
            var end = Math.Min(start + 64, count - 1);
            var passed = start < end ? pairs.Passed(hashes, start, end) : 0UL;

            var c = bits[b] | passed | (passed << 1) | carry;
            carry = passed >> 63;
            while (c != 0)
            {
                foundAt[n++] = start + BitOperations.TrailingZeroCount(c);
                c &= c - 1;
            }
        }

        return n;
    }

    /// <summary>
    /// Probes the vocabulary for the <paramref name="candidates"/> words at the start of <paramref name="foundAt"/>,
    /// writes their ids, and keeps in <paramref name="foundAt"/>, without a branch, only the words found that anchor
    /// some spelling (their range in <paramref name="anchorStart"/> is not empty), each with that range in
    /// <paramref name="ranges"/> (from and to, two ints per word kept); returns how many. The prefetch is in
    /// two steps: a candidate's home slot 8 candidates ahead, then, 4 ahead, the pool chars and the anchor range
    /// that slot points to (loads that otherwise wait on the slot's).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ProbeAnchoring(VocabularyTable vocabulary, int[] anchorStart, char[] folded, ReadOnlySpan<int> startFold,
        ReadOnlySpan<int> endFold, uint[] hashes, Span<int> ids, int[] foundAt, int[] ranges, int candidates)
    {
        const int Ahead = 8;
        const int Second = 4;
        for (var k = 0; k < Math.Min(Ahead, candidates); k++)
        {
            vocabulary.Prefetch(hashes[foundAt[k]]);
        }

        var anchoring = 0;
        for (var k = 0; k < candidates; k++)
        {
            if (k + Ahead < candidates)
            {
                vocabulary.Prefetch(hashes[foundAt[k + Ahead]]);
            }

            if (k + Second < candidates)
            {
                vocabulary.PrefetchWord(hashes[foundAt[k + Second]], anchorStart);
            }

            var p = foundAt[k];
            var found = vocabulary.FindUnfiltered(folded.AsSpan(startFold[p], endFold[p] - startFold[p]), hashes[p]);
            ids[p] = found;
            var id = found & ~(found >> 31); // 0 for a word not found, whose range is then read but not counted
            var from = anchorStart[id];
            var to = anchorStart[id + 1];
            foundAt[anchoring] = p; // anchoring <= k: overwrites only candidates already probed
            ranges[2 * anchoring] = from;
            ranges[(2 * anchoring) + 1] = to;
            anchoring += (int)((uint)~found >> 31) & (from < to ? 1 : 0);
        }

        return anchoring;
    }

    /// <summary>
    /// As <see cref="ProbeAnchoring"/>, by the vocabulary's anchor slots (<see cref="VocabularyTable.WithAnchorRanges"/>),
    /// which give a word's anchor range with its id: no load of <see cref="_anchorStart"/> after the slot's, and the
    /// second prefetch step asks for the word's first anchored spelling in <paramref name="anchors"/> instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ProbeAnchoringSlots(VocabularyTable vocabulary, AnchoredTerm[] anchors, char[] folded, ReadOnlySpan<int> startFold,
        ReadOnlySpan<int> endFold, uint[] hashes, Span<int> ids, int[] foundAt, int[] ranges, int candidates)
    {
        const int Ahead = 8;
        const int Second = 4;
        for (var k = 0; k < Math.Min(Ahead, candidates); k++)
        {
            vocabulary.PrefetchAnchoring(hashes[foundAt[k]]);
        }

        var anchoring = 0;
        for (var k = 0; k < candidates; k++)
        {
            if (k + Ahead < candidates)
            {
                vocabulary.PrefetchAnchoring(hashes[foundAt[k + Ahead]]);
            }

            if (k + Second < candidates)
            {
                vocabulary.PrefetchAnchoringWord(hashes[foundAt[k + Second]], anchors);
            }

            var p = foundAt[k];
            ids[p] = vocabulary.FindAnchoring(folded.AsSpan(startFold[p], endFold[p] - startFold[p]), hashes[p], out var range);
            var from = VocabularyTable.RangeFrom(range);
            var n = VocabularyTable.RangeCount(range); // 0 for a word not found
            foundAt[anchoring] = p; // anchoring <= k: overwrites only candidates already probed
            ranges[2 * anchoring] = from;
            ranges[(2 * anchoring) + 1] = from + n;
            anchoring += (int)((uint)-n >> 31);
        }

        return anchoring;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void PrefetchAnchor(int index)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _anchors[index]));
        }
    }

    /// <summary>A 16-bit hash of the first three chars of <paramref name="word"/> (at least three long).</summary>
    private static int StartBit(ReadOnlySpan<char> word) => StartBitOf(word[0] | ((ulong)word[1] << 16) | ((ulong)word[2] << 32));

    /// <summary>The same, for the chars at <paramref name="start"/>, where four chars are readable (the fourth is masked off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StartBit(ref char start) => StartBitOf(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref start)) & 0xFFFF_FFFF_FFFFUL);

    /// <summary>The bit of three chars packed in the low 48 bits: one multiply, its top 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StartBitOf(ulong threeChars) => (int)((threeChars * 0x9E3779B97F4A7C15UL) >> 48);

    private void RecordAnchored(MatchScratch s, int from, int to, int field, int at, int wordCount)
    {
        var anchors = _anchors;
        for (var a = from; a < to; a++)
        {
            ref readonly var anchored = ref anchors[a];
            if (anchored.Direct)
            {
                s.Record(anchored.Term, field, s.Buffer.StartText[at], s.Buffer.EndText[at], at, at);
            }
            else
            {
                TryRecord(s, in anchored, a, field, at, wordCount);
            }
        }
    }

    private void TryRecord(MatchScratch s, in AnchoredTerm anchored, int a, int f, int at, int wordCount)
    {
        var length = anchored.Length;
        var p = at - anchored.Offset;
        if (p < 0 || p + length > wordCount)
        {
            return;
        }

        if (length > 1)
        {
            // First the neighbour whose hash the entry holds (no load from the rule set): most phrases whose
            // anchor is in the text are turned away here.
            var hashes = s.Buffer.Hashes;
            if (anchored.HasOther && hashes[p + anchored.OtherIndex] != anchored.OtherHash)
            {
                return;
            }

            // A word that anchors nothing is not probed in the scan (its id is -1 unless the filter let it
            // through): it is compared with the rule word itself.
            var codes = _words.AsSpan(anchored.Words, length);
            var ids = s.WordIds;
            for (var w = 0; w < codes.Length; w++)
            {
                var code = codes[w];
                if (w != anchored.Offset && (code >= 0
                    ? ids[p + w] != code && !_vocabulary.Is(code, s.Buffer.Folded(p + w), hashes[p + w])
                    : !s.Buffer.Folded(p + w).StartsWith(_prefixTexts[~code])))
                {
                    return;
                }
            }
        }

        var starts = s.Buffer.StartText;
        var ends = s.Buffer.EndText;
        if (anchored.CaseSensitive)
        {
            var variant = _terms[anchored.Term].Variants[_anchorVariant[a]];
            for (var w = 0; w < length; w++)
            {
                var original = s.Text.AsSpan(starts[p + w], ends[p + w] - starts[p + w]);
                var written = variant.Originals[w];
                if (variant.Prefixes[w] is null ? !original.SequenceEqual(written) : !original.StartsWith(written, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }

        s.Record(anchored.Term, f, starts[p], ends[p + length - 1], p, p + length - 1);
    }

    /// <summary>
    /// Finds the candidates of the terms touched, evaluates them and builds the results of those that matched (when
    /// <paramref name="build"/>), on the rules' result blocks: each candidate found with its block (one load of its
    /// trigger entry; the block, and the query after it, asked for at once), evaluated on the query that follows
    /// the block, and each match built from the block, the display pool and <see cref="_idQuery"/>.
    /// </summary>
    private IReadOnlyList<RuleMatch> EvaluateBlocks(MatchScratch scratch, string? title, string body, bool build, out int matched)
    {
        var stamp = scratch.Stamp;
        var candidates = scratch.Candidates;
        var blocks = scratch.CandidateBlocks;
        blocks.Clear();
        var ruleStamp = scratch.RuleStamp;
        var entries = _triggerEntries;
        var starts = _triggerStart;
        var program = _program;
        foreach (var t in scratch.Touched)
        {
            for (var i = starts[t]; i < starts[t + 1]; i++)
            {
                var r = entries[2 * i];
                if (ruleStamp[r] != stamp)
                {
                    ruleStamp[r] = stamp;
                    candidates.Add(r);
                    var block = entries[(2 * i) + 1];
                    blocks.Add(block);
                    PrefetchBlock(program, block);
                }
            }
        }

        if (scratch.DeferrableBody)
        {
            SearchDeferred(scratch, candidates);
        }

        var nears = _nears;
        var found = scratch.MatchedEntries;
        found.Clear();
        matched = 0;
        for (var k = 0; k < candidates.Count; k++)
        {
            var block = blocks[k];
            if (QueryEvaluator.Evaluate(program, ResultBlock.ProgramOf(program, block), nears, scratch))
            {
                matched++;
                if (build)
                {
                    found.Add(((long)candidates[k] << 32) | (uint)block);
                }
            }
        }

        if (!build || matched == 0)
        {
            return [];
        }

        // Results in rule order: the rules that matched are sorted, not every candidate.
        found.Sort();
        var ids = _idQuery;
        var displays = _displayPool;
        foreach (var entry in found)
        {
            PrefetchMatchData(ids, displays, (int)(entry >> 32), ResultBlock.DisplayStart(program, (int)entry));
        }

        scratch.PackedCount = 0;
        var article = new ArticleHits();
        var results = new List<RuleMatch>(matched);
        foreach (var entry in found)
        {
            var r = (int)(entry >> 32);
            var block = (int)entry;
            results.Add(BuildMatch(scratch, ResultBlock.Terms(program, block), ResultBlock.Fields(program, block), displays,
                ResultBlock.DisplayStart(program, block), ids[2 * r], ids[(2 * r) + 1], title, body, article));
        }

        CopyHits(scratch, article);
        return results;
    }

    /// <summary>Asks for the cache lines of a candidate's result block and of the query after it (two lines cover nearly every rule's).</summary>
    private static unsafe void PrefetchBlock(int[] program, int block)
    {
        if (Sse.IsSupported)
        {
            ref var at = ref program[block];
            Sse.Prefetch0(Unsafe.AsPointer(ref at));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref at, 16)));
        }
    }

    /// <summary>Asks for a matched rule's id and query, and the first of its displays.</summary>
    private static unsafe void PrefetchMatchData(string[] ids, string[] displays, int rule, int displayStart)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref ids[2 * rule]));
            if (displayStart < displays.Length)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref displays[displayStart]));
            }
        }
    }

    /// <summary>
    /// One array for the hits of every match (the scratch's buffer goes back to the pool); the buffers grown for an
    /// article with very many hits are given back, as <see cref="MatchScratch.ReleaseLarge"/> does for the others.
    /// </summary>
    private static void CopyHits(MatchScratch scratch, ArticleHits article)
    {
        article.Items = scratch.PackedHits.AsSpan(0, scratch.PackedCount).ToArray();
        if (scratch.PackedHits.Length > MatchScratch.LargeHitCount)
        {
            scratch.PackedHits = new PackedHit[256];
        }

        if (scratch.RuleHitBuffer.Length > MatchScratch.LargeHitCount)
        {
            scratch.RuleHitBuffer = new TermHit[64];
        }
    }

    /// <summary>
    /// The result of a matched rule from what it reads of the rule: its positive terms, their fields, their
    /// displays (at <paramref name="displayStart"/> of <paramref name="displays"/>), its id and query.
    /// </summary>
    private static RuleMatch BuildMatch(MatchScratch scratch, ReadOnlySpan<int> positive, ReadOnlySpan<FieldMask> positiveFields, string[] displays,
        int displayStart, string id, string query, string? title, string body, ArticleHits article)
    {
        var states = scratch.Terms;
        var all = scratch.Hits;
        var slotOf = scratch.TermSlot;
        var hits = scratch.RuleHitBuffer;
        var n = 0;
        var count = 0;
        var termCount = 0;
        var increasing = true;
        for (var i = 0; i < positive.Length; i++)
        {
            var t = positive[i];
            ref readonly var state = ref states[t];
            if (state.Total == 0)
            {
                continue;
            }

            var fields = positiveFields[i];
            var inTitle = (fields & FieldMask.Title) != 0 ? state.TitleHits : 0;
            var inBody = (fields & FieldMask.Body) != 0 ? state.BodyHits : 0;
            count += inTitle + inBody;
            termCount += (inTitle > 0 ? 1 : 0) + (inBody > 0 ? 1 : 0);
            slotOf[t] = i;
            for (var h = state.FirstHit; h >= 0; h = all[h].Next)
            {
                ref readonly var hit = ref all[h];
                if ((fields & (hit.Field == 0 ? FieldMask.Title : FieldMask.Body)) != 0)
                {
                    if (n == hits.Length)
                    {
                        Array.Resize(ref hits, n * 2);
                        scratch.RuleHitBuffer = hits;
                    }

                    // Compared in place and copied from the list: a local copy of the 28-byte hit is stored and reloaded in overlapping halves.
                    increasing &= n == 0 || TermHit.Precedes(in hits[n - 1], in hit);
                    hits[n++] = all[h];
                }
            }
        }

        var terms = termCount == 0 ? [] : new TermMatch[termCount];
        termCount = 0;
        for (var i = 0; i < positive.Length && termCount < terms.Length; i++)
        {
            ref readonly var state = ref states[positive[i]];
            var fields = positiveFields[i];
            if ((fields & FieldMask.Title) != 0 && state.TitleHits > 0)
            {
                terms[termCount++] = new TermMatch(displays[displayStart + i], "title", state.TitleHits);
            }

            if ((fields & FieldMask.Body) != 0 && state.BodyHits > 0)
            {
                terms[termCount++] = new TermMatch(displays[displayStart + i], "body", state.BodyHits);
            }
        }

        // Already in order (one term, or terms in different places) unless two hits tie: then the same sort as before.
        var sorted = hits.AsSpan(0, n);
        if (!increasing)
        {
            sorted.Sort(TermHit.Compare);
        }

        // Two terms of a rule can find the same words ("ceasefire OR cease-fire" with compounds): count them once.
        // Hits move only after the first duplicate (most rules have none).
        var distinct = n == 0 ? 0 : 1;
        for (var h = 1; h < n; h++)
        {
            ref readonly var last = ref hits[distinct - 1];
            ref readonly var hit = ref hits[h];
            if (last.Field != hit.Field || last.Start != hit.Start || last.End != hit.End)
            {
                if (distinct != h)
                {
                    hits[distinct] = hit;
                }

                distinct++;
            }
        }

        count = Math.Min(count, distinct);
        var first = scratch.PackedCount;
        var packed = scratch.PackedHits;
        if (first + distinct > packed.Length)
        {
            Array.Resize(ref packed, Math.Max(packed.Length * 2, first + distinct));
            scratch.PackedHits = packed;
        }

        for (var h = 0; h < distinct; h++)
        {
            ref readonly var hit = ref hits[h];
            packed[first + h] = new PackedHit(hit.Start, hit.End - hit.Start, (slotOf[hit.Term] << 1) | hit.Field);
        }

        scratch.PackedCount = first + distinct;
        var snippets = SnippetBuilder.Build(title, body, hits.AsSpan(0, distinct), scratch.Snippets);
        return new RuleMatch(id, query, count, terms, snippets, article, first, distinct, displays, displayStart);
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
