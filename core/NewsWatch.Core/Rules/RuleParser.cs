using System.Globalization;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Parses one rule query (grammar in docs/rules.md): quoted phrases (straight or curly quotes, wildcards
/// inside), bare words, a trailing <c>*</c> wildcard, upper-case AND, OR and binary NOT (<c>a NOT b</c>, also
/// <c>a AND NOT b</c>), <c>NEAR/n</c> and <c>ONEAR/n</c>, parentheses, implicit AND between adjacent operands,
/// the prefixes <c>title:</c>, <c>body:</c> and <c>case:</c>, and a postfix <c>COUNT&gt;=n</c>.
/// Precedence: COUNT, then NEAR/ONEAR, then NOT, then AND, then OR.
/// </summary>
/// <remarks>
/// Operators are n-ary and parentheses may nest at most <see cref="MaxNesting"/> levels, so neither the parser
/// nor any walk of the tree it builds recurses deeper than a few hundred frames, whatever the input.
/// </remarks>
internal sealed class RuleParser
{
    /// <summary>How deep parentheses (and chains of NEAR) may nest; deeper is refused.</summary>
    public const int MaxNesting = 100;

    /// <summary>The largest n of NEAR/n and ONEAR/n.</summary>
    public const int MaxDistance = 1000;

    private static readonly string NestingProblem = $"nesting deeper than {MaxNesting} levels";

    private readonly string _ruleId;
    private readonly string _query;
    private readonly Func<TermSpec, int> _resolveTerm;
    private readonly RuleOptions _options;
    // One buffer per thread: a fresh one per rule would allocate ~32 KB per rule when compiling 10,000 rules.
    [ThreadStatic]
    private static TokenBuffer? t_buffer;

    private readonly TokenBuffer _buffer = t_buffer ??= new TokenBuffer();
    private readonly List<QueryToken> _tokens = [];
    private readonly Dictionary<int, TermSpec> _specs = [];
    private int _position;
    private int _depth;
    private FieldMask _field = FieldMask.Both;

    private RuleParser(string ruleId, string query, Func<TermSpec, int> resolveTerm, RuleOptions options)
    {
        _ruleId = ruleId;
        _query = query;
        _resolveTerm = resolveTerm;
        _options = options;
    }

    private QueryToken Peek => _tokens[_position];

    /// <summary>Parses <paramref name="query"/> with default options; each term is handed to <paramref name="resolveTerm"/>, which returns its index.</summary>
    /// <exception cref="RuleSyntaxException">The query is not valid or can never match.</exception>
    public static QueryNode Parse(string ruleId, string query, Func<TermSpec, int> resolveTerm) =>
        Parse(ruleId, query, resolveTerm, RuleOptions.Default);

    /// <summary>Parses <paramref name="query"/>; each term is handed to <paramref name="resolveTerm"/>, which returns its index.</summary>
    /// <exception cref="RuleSyntaxException">The query is not valid or can never match.</exception>
    public static QueryNode Parse(string ruleId, string query, Func<TermSpec, int> resolveTerm, RuleOptions options)
    {
        var parser = new RuleParser(ruleId, query, resolveTerm, options);
        parser.Lex();
        var root = parser.ParseQuery();
        parser.CheckSatisfiable(root);
        return root;
    }

    /// <summary>Checks one rule as the config reader does: syntax, nesting, and whether it can ever match.</summary>
    /// <exception cref="RuleSyntaxException">The rule is refused.</exception>
    public static void Check(RuleDefinition rule)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        Parse(rule.Id, rule.Query, spec =>
        {
            if (!terms.TryGetValue(spec.MatchKey, out var index))
            {
                terms.Add(spec.MatchKey, index = terms.Count);
            }

            return index;
        }, RuleOptions.Of(rule));
    }

    private QueryNode ParseQuery()
    {
        if (Peek.Kind == QueryTokenKind.End)
        {
            throw Error(1, "the query is empty");
        }

        var node = ParseOr();
        var rest = Peek;
        return rest.Kind switch
        {
            QueryTokenKind.End => node,
            QueryTokenKind.RightParen => throw Error(rest.Column, "')' without a matching '('"),
            QueryTokenKind.Count => throw Error(rest.Column, $"'{rest.Text}' must follow a term or a group"),
            _ => throw Error(rest.Column, $"unexpected '{rest.Text}'"),
        };
    }

    private QueryNode ParseOr()
    {
        var first = ParseAnd();
        if (Peek.Kind != QueryTokenKind.Or)
        {
            return first;
        }

        var children = new List<QueryNode> { first };
        while (Peek.Kind == QueryTokenKind.Or)
        {
            var op = Next();
            ExpectOperandAfter(op);
            children.Add(ParseAnd());
        }

        return QueryNode.Operator(QueryNodeKind.Or, [.. children], first.Column);
    }

    private QueryNode ParseAnd()
    {
        var first = ParseNot();
        List<QueryNode>? children = null;
        while (true)
        {
            if (Peek.Kind == QueryTokenKind.And && _tokens[_position + 1].Kind != QueryTokenKind.Not)
            {
                var op = Next();
                ExpectOperandAfter(op);
                (children ??= [first]).Add(ParseNot());
            }
            else if (Peek.StartsOperand)
            {
                (children ??= [first]).Add(ParseNot());
            }
            else
            {
                return children is null ? first : QueryNode.Operator(QueryNodeKind.And, [.. children], first.Column);
            }
        }
    }

    private QueryNode ParseNot()
    {
        var first = ParseNear();
        List<QueryNode>? children = null;
        while (Peek.Kind == QueryTokenKind.Not
               || (Peek.Kind == QueryTokenKind.And && _tokens[_position + 1].Kind == QueryTokenKind.Not))
        {
            if (Peek.Kind == QueryTokenKind.And)
            {
                Next();
            }

            var op = Next();
            ExpectOperandAfter(op);
            (children ??= [first]).Add(ParseNear());
        }

        return children is null ? first : QueryNode.Operator(QueryNodeKind.Not, [.. children], first.Column);
    }

    private QueryNode ParseNear()
    {
        var left = ParseUnary();

        // A chain of NEARs is a left-deep tree: each link counts as a level of nesting, so parentheses and
        // NEAR chains together stay within MaxNesting levels.
        var outerDepth = _depth;
        while (Peek.Kind is QueryTokenKind.Near or QueryTokenKind.OrderedNear)
        {
            var op = Next();
            if (++_depth > MaxNesting)
            {
                throw new RuleSyntaxException(_ruleId, _query, op.Column, NestingProblem, RuleSyntaxException.Style.Nesting);
            }

            ExpectOperandAfter(op);
            var right = ParseUnary();
            RequireSpan(left, op);
            RequireSpan(right, op);
            left = QueryNode.Near(left, right, op.Number, op.Kind == QueryTokenKind.OrderedNear, left.Column);
        }

        _depth = outerDepth;
        return left;
    }

    private QueryNode ParseUnary()
    {
        var token = Peek;
        QueryNode node;
        if (token.Kind is QueryTokenKind.TitleField or QueryTokenKind.BodyField)
        {
            Next();
            if (!Peek.StartsOperand || Peek.Kind is QueryTokenKind.TitleField or QueryTokenKind.BodyField)
            {
                throw Error(token.Column, $"'{token.Text}' must be followed by a term, a phrase or a group");
            }

            var outer = _field;
            _field = token.Kind == QueryTokenKind.TitleField ? FieldMask.Title : FieldMask.Body;
            node = ParsePrimary();
            _field = outer;
        }
        else
        {
            node = ParsePrimary();
        }

        if (Peek.Kind == QueryTokenKind.Count)
        {
            var count = Next();
            node = QueryNode.Count(node, count.Number, token.Column);
            if (Peek.Kind == QueryTokenKind.Count)
            {
                throw Error(Peek.Column, "only one COUNT>=n per term or group");
            }
        }

        return node;
    }

    private QueryNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case QueryTokenKind.Word or QueryTokenKind.Phrase:
                var index = _resolveTerm(token.Term!);
                _specs.TryAdd(index, token.Term!);
                return QueryNode.Term(index, _field, token.Column);
            case QueryTokenKind.LeftParen:
                if (Peek.Kind == QueryTokenKind.RightParen)
                {
                    throw Error(Peek.Column, "empty parentheses");
                }

                if (Peek.Kind == QueryTokenKind.End)
                {
                    throw Error(token.Column, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))");
                }

                if (++_depth > MaxNesting)
                {
                    throw new RuleSyntaxException(_ruleId, _query, token.Column, NestingProblem, RuleSyntaxException.Style.Nesting);
                }

                var inner = ParseOr();
                if (Peek.Kind != QueryTokenKind.RightParen)
                {
                    throw Peek.Kind == QueryTokenKind.Count
                        ? Error(Peek.Column, $"'{Peek.Text}' must follow a term or a group")
                        : Error(token.Column, "'(' without a matching ')'");
                }

                _depth--;
                Next();
                return inner;
            case QueryTokenKind.RightParen:
                throw Error(token.Column, "')' without a matching '('");
            case QueryTokenKind.Not:
                throw Error(token.Column, "'NOT' has no term before it (write 'a NOT b')");
            default:
                throw Error(token.Column, $"'{token.Text}' has no term before it");
        }
    }

    private void ExpectOperandAfter(QueryToken op)
    {
        var next = Peek;
        if (next.StartsOperand)
        {
            return;
        }

        if (next.Kind == QueryTokenKind.Not)
        {
            throw Error(next.Column, "'NOT' has no term before it (write 'a NOT b')");
        }

        throw Error(op.Column, $"'{op.Text}' has no term after it");
    }

    /// <summary>NEAR joins terms, phrases, OR-groups of them and other NEARs: things with positions.</summary>
    private void RequireSpan(QueryNode node, QueryToken op)
    {
        var ok = node.Kind switch
        {
            QueryNodeKind.Term or QueryNodeKind.Near => true,
            QueryNodeKind.Or => Array.TrueForAll(node.Children, c => c.Kind is QueryNodeKind.Term or QueryNodeKind.Near or QueryNodeKind.Or),
            _ => false,
        };
        if (!ok || (node.Kind == QueryNodeKind.Or && !IsSpanGroup(node)))
        {
            throw Error(node.Column > 0 ? node.Column : op.Column,
                $"'{op.Text}' joins terms, phrases and OR-groups of them (hint: write (a OR b) {op.Text} c; put AND, NOT and COUNT outside)");
        }
    }

    private static bool IsSpanGroup(QueryNode node)
    {
        var stack = new Stack<QueryNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            switch (n.Kind)
            {
                case QueryNodeKind.Term or QueryNodeKind.Near:
                    break;
                case QueryNodeKind.Or:
                    foreach (var c in n.Children)
                    {
                        stack.Push(c);
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Refuses a rule that can never match: a term it requires (in every field the requirement looks at) is
    /// also one whose presence alone fires an excluding NOT, as in <c>ceasefire NOT ceasefire</c>.
    /// </summary>
    private void CheckSatisfiable(QueryNode root)
    {
        var stack = new Stack<QueryNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var child in node.Children)
            {
                stack.Push(child);
            }

            if (node.Kind != QueryNodeKind.Not)
            {
                continue;
            }

            var required = new List<QueryNode>();
            Required(node.Children[0], required);
            for (var i = 1; i < node.Children.Length; i++)
            {
                var sufficient = new List<QueryNode>();
                Sufficient(node.Children[i], sufficient);
                foreach (var s in sufficient)
                {
                    foreach (var r in required)
                    {
                        if (r.TermIndex == s.TermIndex && (r.Fields & ~s.Fields) == 0)
                        {
                            var display = _specs.TryGetValue(s.TermIndex, out var spec) ? spec.Display : "the term";
                            throw Error(s.Column, $"'{display}' is required and excluded by NOT at once, so the rule can never match "
                                + "(hint: remove it from the NOT part, or exclude it in another field: title:x NOT body:x)");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Leaves that must have hits for <paramref name="node"/> to match.</summary>
    private static void Required(QueryNode node, List<QueryNode> into)
    {
        var stack = new Stack<QueryNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            switch (n.Kind)
            {
                case QueryNodeKind.Term:
                    into.Add(n);
                    break;
                case QueryNodeKind.Not or QueryNodeKind.Count:
                    stack.Push(n.Children[0]);
                    break;
                case QueryNodeKind.And or QueryNodeKind.Near:
                    foreach (var c in n.Children)
                    {
                        stack.Push(c);
                    }

                    break;
            }
        }
    }

    /// <summary>Leaves whose hits alone make <paramref name="node"/> match.</summary>
    private static void Sufficient(QueryNode node, List<QueryNode> into)
    {
        var stack = new Stack<QueryNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Kind == QueryNodeKind.Term)
            {
                into.Add(n);
            }
            else if (n.Kind == QueryNodeKind.Or)
            {
                foreach (var c in n.Children)
                {
                    stack.Push(c);
                }
            }
        }
    }

    private QueryToken Next() => _tokens[_position++];

    private void Lex()
    {
        var q = _query;
        var i = 0;

        // case: applies to the next word or phrase, or to every term inside the next group.
        var caseNext = false;
        var parens = 0;
        var caseGroupDepth = -1;
        while (i < q.Length)
        {
            var c = q[i];
            var caseSensitive = caseNext || caseGroupDepth >= 0;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                _tokens.Add(new QueryToken(QueryTokenKind.LeftParen, i + 1, null));
                parens++;
                if (caseNext && caseGroupDepth < 0)
                {
                    caseGroupDepth = parens;
                }

                caseNext = false;
                i++;
            }
            else if (c == ')')
            {
                _tokens.Add(new QueryToken(QueryTokenKind.RightParen, i + 1, null));
                if (parens == caseGroupDepth)
                {
                    caseGroupDepth = -1;
                }

                parens--;
                i++;
            }
            else if (IsQuote(c))
            {
                var close = i + 1;
                while (close < q.Length && !IsQuote(q[close]))
                {
                    close++;
                }

                if (close == q.Length)
                {
                    throw Error(i + 1, $"'{c}' without a closing quote");
                }

                _tokens.Add(new QueryToken(QueryTokenKind.Phrase, i + 1, Phrase(i + 1, close, caseSensitive)));
                caseNext = false;
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] is not '(' and not ')' && !IsQuote(q[end]))
                {
                    end++;
                }

                var word = q.AsSpan(i, end - i);
                if (word.StartsWith("title:", StringComparison.Ordinal) || word.StartsWith("body:", StringComparison.Ordinal))
                {
                    var title = word[0] == 't';
                    _tokens.Add(new QueryToken(title ? QueryTokenKind.TitleField : QueryTokenKind.BodyField, i + 1, null));
                    i += title ? 6 : 5;
                    continue;
                }

                if (word.StartsWith("case:", StringComparison.Ordinal))
                {
                    if (end == i + 5 && (end == q.Length || char.IsWhiteSpace(q[end])))
                    {
                        throw Error(i + 1, "'case:' must be followed by a word, a phrase or a group, without a space");
                    }

                    caseNext = true;
                    i += 5;
                    continue;
                }

                if (caseNext)
                {
                    caseNext = false;
                }

                RefuseForeignSyntax(word, i + 1);
                var token = Keyword(word, i + 1);
                if (token is { } keyword)
                {
                    _tokens.Add(keyword);
                }
                else
                {
                    var tokens = new List<TermToken>();
                    AddWord(i, end, tokens);
                    if (tokens.Count == 0)
                    {
                        throw Error(i + 1, $"'{word}' has no letters or digits, so it can never match");
                    }

                    _tokens.Add(new QueryToken(QueryTokenKind.Word, i + 1, MakeTerm(word.ToString(), tokens, caseSensitive)));
                }

                i = end;
            }
        }

        if (caseNext)
        {
            throw Error(q.Length, "'case:' must be followed by a word, a phrase or a group");
        }

        _tokens.Add(new QueryToken(QueryTokenKind.End, q.Length + 1, null));
        _tokens.Add(new QueryToken(QueryTokenKind.End, q.Length + 1, null));
    }

    /// <summary>
    /// Refuses what other search syntaxes mean as an operator but this one would read as words, so that the rule does
    /// not silently mean something else: a leading '-' or '+' (here "-troops" would require troops, not exclude it),
    /// proximity or boost suffixes ('~5', '^2'), and NEAR/n written in lower case.
    /// </summary>
    private void RefuseForeignSyntax(ReadOnlySpan<char> word, int column)
    {
        if (word.Length >= 2 && word[0] == '-' && char.IsLetterOrDigit(word[1]))
        {
            throw Error(column, $"'{word}': a leading '-' does not exclude a word here; write NOT {word[1..]} after what it excludes from, e.g. 'ceasefire NOT {word[1..]}'");
        }

        if (word.Length >= 2 && word[0] == '+' && char.IsLetterOrDigit(word[1]))
        {
            throw Error(column, $"'{word}': a leading '+' is not needed, every word is required unless joined by OR; write {word[1..]}");
        }

        var tilde = word.IndexOfAny('~', '^');
        if (tilde >= 0 && tilde + 1 < word.Length && char.IsAsciiDigit(word[tilde + 1]))
        {
            throw Error(column + tilde, word[tilde] == '~'
                ? $"'{word[tilde..]}' is not an operator here; for words near each other write NEAR/n between them, e.g. NATO NEAR/5 troops"
                : $"'{word[tilde..]}' is not an operator here (every hit counts the same); remove it");
        }

        var slash = word.IndexOf('/');
        if (slash is 4 or 5 && slash + 1 < word.Length && char.IsAsciiDigit(word[slash + 1])
            && (word[..slash].Equals("near", StringComparison.OrdinalIgnoreCase) || word[..slash].Equals("onear", StringComparison.OrdinalIgnoreCase))
            && !word.StartsWith("NEAR/", StringComparison.Ordinal) && !word.StartsWith("ONEAR/", StringComparison.Ordinal))
        {
            throw Error(column, $"'{word}': operators are written in capitals: {word.ToString().ToUpperInvariant()}");
        }
    }

    private QueryToken? Keyword(ReadOnlySpan<char> word, int column)
    {
        switch (word)
        {
            case "AND":
                return new QueryToken(QueryTokenKind.And, column, null);
            case "OR":
                return new QueryToken(QueryTokenKind.Or, column, null);
            case "NOT":
                return new QueryToken(QueryTokenKind.Not, column, null);
            case "NEAR" or "ONEAR":
                throw Error(column, $"write {word}/n with the most words allowed between the two terms, e.g. {word}/10");
        }

        if (word.StartsWith("NEAR/", StringComparison.Ordinal) || word.StartsWith("ONEAR/", StringComparison.Ordinal))
        {
            var ordered = word[0] == 'O';
            var digits = word[(ordered ? 6 : 5)..];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxDistance)
            {
                throw Error(column, $"'{word}' needs a number of words from 0 to {MaxDistance}, e.g. NEAR/10");
            }

            return new QueryToken(ordered ? QueryTokenKind.OrderedNear : QueryTokenKind.Near, column, null, n);
        }

        if (word.StartsWith("COUNT", StringComparison.Ordinal))
        {
            if (!word.StartsWith("COUNT>=", StringComparison.Ordinal)
                || !int.TryParse(word[7..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 1_000_000)
            {
                throw Error(column, $"'{word}': write COUNT>=n with n from 1, right after a term or group, e.g. ceasefire COUNT>=2");
            }

            return new QueryToken(QueryTokenKind.Count, column, null, n);
        }

        return null;
    }

    private TermSpec MakeTerm(string display, List<TermToken> tokens, bool caseSensitive)
    {
        if (caseSensitive)
        {
            return new TermSpec(display, tokens) { CaseSensitive = true };
        }

        return new TermSpec(display, tokens) { Variants = TermVariants.Of(tokens, _options, _buffer) };
    }

    private TermSpec Phrase(int start, int end, bool caseSensitive)
    {
        var tokens = new List<TermToken>();
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(_query[i]))
            {
                i++;
                continue;
            }

            var wordEnd = i;
            while (wordEnd < end && !char.IsWhiteSpace(_query[wordEnd]))
            {
                wordEnd++;
            }

            AddWord(i, wordEnd, tokens);
            i = wordEnd;
        }

        if (tokens.Count == 0)
        {
            throw Error(start, "empty phrase (a phrase needs letters or digits, else it can never match)");
        }

        return MakeTerm(_query[start..end].Trim(), tokens, caseSensitive);
    }

    /// <summary>Folds the word <c>_query[start..end]</c> into tokens; a trailing <c>*</c> makes the last one a prefix.</summary>
    private void AddWord(int start, int end, List<TermToken> into)
    {
        var word = _query.AsSpan(start, end - start);
        var elision = TermVariants.ElisionLength(word, _options);
        word = word[elision..];
        start += elision;
        var star = word.IndexOf('*');
        if (star >= 0 && GenderStars(word) is { } separated)
        {
            // German's gender star (Berliner*innen) is read as the text's tokenizer reads it: two words.
            word = separated;
            star = word.IndexOf('*');
        }

        var prefix = false;
        if (star >= 0)
        {
            if (star != word.Length - 1)
            {
                throw Error(start + star + 1, "'*' is only allowed at the end of a word (a wildcard for its endings; there is none inside a word)");
            }

            word = word[..^1];
            prefix = true;
        }

        _buffer.Tokenize(word);
        var tokens = _buffer.Tokens;
        if (prefix && (tokens.Length == 0 || tokens[^1].End != word.Length))
        {
            throw Error(start + star + 1, "'*' must follow a letter or digit");
        }

        for (var t = 0; t < tokens.Length; t++)
        {
            var original = word[tokens[t].Start..tokens[t].End].ToString();
            var hyphenNext = t < tokens.Length - 1 && tokens[t + 1].Start == tokens[t].End + 1 && word[tokens[t].End] is '-' or '\u2010' or '\u2011' or '\u2013';
            into.Add(new TermToken(_buffer.Folded(t).ToString(), prefix && t == tokens.Length - 1, original, hyphenNext));
        }
    }

    /// <summary>
    /// The word with each gender star (a '*' between a letter and "in" or "innen" at the end of the word or before
    /// another '*', as in Berliner*innen or Kolleg*in) made a ':' (a separator), or null when it has none.
    /// </summary>
    private static string? GenderStars(ReadOnlySpan<char> word)
    {
        char[]? copy = null;
        for (var i = 1; i < word.Length - 1; i++)
        {
            if (word[i] != '*')
            {
                continue;
            }

            var rest = word[(i + 1)..];
            var suffix = rest.StartsWith("innen", StringComparison.Ordinal) ? 5 : rest.StartsWith("in", StringComparison.Ordinal) ? 2 : 0;
            if (suffix > 0 && char.IsLetter(word[i - 1]) && (rest.Length == suffix || rest[suffix] == '*'))
            {
                copy ??= word.ToArray();
                copy[i] = ':';
            }
        }

        return copy is null ? null : new string(copy);
    }

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E';

    private RuleSyntaxException Error(int column, string problem) => new(_ruleId, _query, column, problem);
}
