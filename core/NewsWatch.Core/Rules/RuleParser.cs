namespace NewsWatch.Core.Rules;

/// <summary>
/// Parses one rule query: quoted phrases (straight or curly quotes), bare words, a trailing <c>*</c> wildcard,
/// upper-case AND, OR and binary NOT (<c>a NOT b</c>, also written <c>a AND NOT b</c>), parentheses, and
/// implicit AND between adjacent operands. Precedence: NOT binds tighter than AND, AND tighter than OR.
/// </summary>
internal sealed class RuleParser
{
    private readonly string _ruleId;
    private readonly string _query;
    private readonly Func<TermSpec, int> _resolveTerm;
    private readonly TokenBuffer _buffer = new();
    private readonly List<QueryToken> _tokens = [];
    private int _position;
    private int _depth;

    private RuleParser(string ruleId, string query, Func<TermSpec, int> resolveTerm)
    {
        _ruleId = ruleId;
        _query = query;
        _resolveTerm = resolveTerm;
    }

    /// <summary>How deep parentheses may nest; deeper is refused, so no walk of a query tree can overflow the stack.</summary>
    public const int MaxNesting = 100;

    private static readonly string NestingProblem = $"nesting deeper than {MaxNesting} levels";

    private QueryToken Peek => _tokens[_position];

    /// <summary>Parses <paramref name="query"/>; each term is handed to <paramref name="resolveTerm"/>, which returns its index.</summary>
    /// <exception cref="RuleSyntaxException">The query is not valid.</exception>
    public static QueryNode Parse(string ruleId, string query, Func<TermSpec, int> resolveTerm)
    {
        var parser = new RuleParser(ruleId, query, resolveTerm);
        parser.Lex();
        return parser.ParseQuery();
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

        return QueryNode.Operator(QueryNodeKind.Or, [.. children]);
    }

    private QueryNode ParseAnd()
    {
        var first = ParseNot();
        List<QueryNode>? children = null;
        while (true)
        {
            if (Peek.Kind == QueryTokenKind.And)
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
                return children is null ? first : QueryNode.Operator(QueryNodeKind.And, [.. children]);
            }
        }
    }

    private QueryNode ParseNot()
    {
        var first = ParsePrimary();
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
            (children ??= [first]).Add(ParsePrimary());
        }

        return children is null ? first : QueryNode.Operator(QueryNodeKind.Not, [.. children]);
    }

    private QueryNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case QueryTokenKind.Word or QueryTokenKind.Phrase:
                return QueryNode.Term(_resolveTerm(token.Term!), FieldMask.Both, token.Column);
            case QueryTokenKind.LeftParen:
                if (Peek.Kind == QueryTokenKind.RightParen)
                {
                    throw Error(Peek.Column, "empty parentheses");
                }

                if (++_depth > MaxNesting)
                {
                    throw new RuleSyntaxException(_ruleId, _query, token.Column, NestingProblem, RuleSyntaxException.Style.Nesting);
                }

                var inner = ParseOr();
                if (Peek.Kind != QueryTokenKind.RightParen)
                {
                    throw Error(token.Column, "'(' without a matching ')'");
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

    private QueryToken Next() => _tokens[_position++];

    private void Lex()
    {
        var q = _query;
        var i = 0;
        while (i < q.Length)
        {
            var c = q[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                _tokens.Add(new QueryToken(QueryTokenKind.LeftParen, i + 1, null));
                i++;
            }
            else if (c == ')')
            {
                _tokens.Add(new QueryToken(QueryTokenKind.RightParen, i + 1, null));
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

                _tokens.Add(new QueryToken(QueryTokenKind.Phrase, i + 1, Phrase(i + 1, close)));
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] is not '(' and not ')' && !IsQuote(q[end]))
                {
                    end++;
                }

                var word = q[i..end];
                var kind = word switch
                {
                    "AND" => QueryTokenKind.And,
                    "OR" => QueryTokenKind.Or,
                    "NOT" => QueryTokenKind.Not,
                    _ => QueryTokenKind.Word,
                };
                TermSpec? term = null;
                if (kind == QueryTokenKind.Word)
                {
                    var tokens = new List<TermToken>();
                    AddWord(i, end, tokens);
                    if (tokens.Count == 0)
                    {
                        throw Error(i + 1, $"'{word}' has no letters or digits");
                    }

                    term = new TermSpec(word, tokens);
                }

                _tokens.Add(new QueryToken(kind, i + 1, term));
                i = end;
            }
        }

        _tokens.Add(new QueryToken(QueryTokenKind.End, q.Length + 1, null));
        _tokens.Add(new QueryToken(QueryTokenKind.End, q.Length + 1, null));
    }

    private TermSpec Phrase(int start, int end)
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
            throw Error(start, "empty phrase");
        }

        return new TermSpec(_query[start..end].Trim(), tokens);
    }

    /// <summary>Folds the word <c>_query[start..end]</c> into tokens; a trailing <c>*</c> makes the last one a prefix.</summary>
    private void AddWord(int start, int end, List<TermToken> into)
    {
        var word = _query.AsSpan(start, end - start);
        var star = word.IndexOf('*');
        var prefix = false;
        if (star >= 0)
        {
            if (star != word.Length - 1)
            {
                throw Error(start + star + 1, "'*' is only allowed at the end of a word");
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
            into.Add(new TermToken(_buffer.Folded(t).ToString(), prefix && t == tokens.Length - 1));
        }
    }

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E';

    private RuleSyntaxException Error(int column, string problem) => new(_ruleId, _query, column, problem);
}
