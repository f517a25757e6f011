using System.Text;

namespace NewsWatch.Core.Rules;

/// <summary>
/// The words of one text, folded: reused between articles so that scanning allocates nothing once warm.
/// Not thread-safe; each match call takes its own.
/// </summary>
internal sealed class TokenBuffer
{
    private char[] _folded = new char[4096];
    private TextToken[] _tokens = new TextToken[1024];

    /// <summary>How many tokens the last <see cref="Tokenize"/> found.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens found by the last <see cref="Tokenize"/>.</summary>
    public ReadOnlySpan<TextToken> Tokens => _tokens.AsSpan(0, Count);

    /// <summary>The folded form of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Folded(int index)
    {
        var t = _tokens[index];
        return _folded.AsSpan(t.FoldStart, t.FoldLength);
    }

    /// <summary>Splits <paramref name="text"/> into folded words (see <see cref="FoldTable"/>).</summary>
    public void Tokenize(ReadOnlySpan<char> text)
    {
        if (_folded.Length < text.Length + 16)
        {
            _folded = new char[Math.Max(text.Length + 16, _folded.Length * 2)];
        }

        var folded = _folded;
        var count = 0;
        var f = 0;
        var inWord = false;
        var wordFold = 0;
        var wordStart = 0;
        var wordEnd = 0;

        // The hash of the word so far, kept while it holds only Word chars; otherwise rehashed when it ends.
        var hash = 0u;
        var hashed = false;
        for (var i = 0; i < text.Length; i++)
        {
            var info = FoldTable.InfoOf(text[i]);
            if ((CharKind)(info >> 16) == CharKind.Word)
            {
                if (!inWord)
                {
                    inWord = true;
                    wordFold = f;
                    wordStart = i;
                    hash = VocabularyTable.HashSeed;
                    hashed = true;
                }

                // A run of plain word chars: folded one for one (the buffer has room for the rest of the text).
                var into = folded.AsSpan(f);
                var run = 0;
                var h = hash;
                while (true)
                {
                    var fc = (char)info;
                    into[run++] = fc;
                    h = VocabularyTable.HashStep(h, fc);
                    if (i + run == text.Length)
                    {
                        break;
                    }

                    info = FoldTable.InfoOf(text[i + run]);
                    if ((CharKind)(info >> 16) != CharKind.Word)
                    {
                        break;
                    }
                }

                hash = h;
                f += run;
                i += run;
                wordEnd = i;
                if (i == text.Length)
                {
                    break;
                }
            }

            var kind = (CharKind)(info >> 16);
            if (kind == CharKind.Separator)
            {
                if (inWord)
                {
                    Add(ref count, wordFold, f - wordFold, wordStart, wordEnd, hashed, hash);
                    inWord = false;
                }

                continue;
            }

            var c = text[i];
            hashed = false;
            switch (kind)
            {
                case CharKind.Ignore:
                    break;

                case CharKind.Mark:
                    if (inWord)
                    {
                        if (c == '\u0306' && folded[f - 1] == '\u0438')
                        {
                            folded[f - 1] = '\u0439'; // и + breve is й, not и
                        }
                        else if (c == '\u0308' && folded[f - 1] == '\u0456')
                        {
                            folded[f - 1] = '\u0457'; // Ukrainian і + diaeresis is ї, not і
                        }
                        else if (c == '\u0306' && folded[f - 1] == '\u0443')
                        {
                            folded[f - 1] = '\u045E'; // Belarusian у + breve is ў, not у
                        }
                        else if (!FoldTable.IsDroppedMark(c))
                        {
                            folded = Append(folded, ref f, c, text.Length - i);
                        }

                        wordEnd = i + 1;
                    }

                    break;

                case CharKind.Expand:
                    if (!inWord)
                    {
                        inWord = true;
                        wordFold = f;
                        wordStart = i;
                    }

                    foreach (var e in FoldTable.ExpansionOf(c))
                    {
                        folded = Append(folded, ref f, e, text.Length - i);
                    }

                    wordEnd = i + 1;
                    break;

                case CharKind.Single:
                    if (inWord)
                    {
                        Add(ref count, wordFold, f - wordFold, wordStart, wordEnd, false, 0);
                        inWord = false;
                    }

                    folded = Append(folded, ref f, FoldTable.FoldOf(c), text.Length - i);
                    Add(ref count, f - 1, 1, i, i + 1, false, 0);
                    break;

                case CharKind.Surrogate:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                        && Rune.IsLetterOrDigit(new Rune(c, text[i + 1])))
                    {
                        if (!inWord)
                        {
                            inWord = true;
                            wordFold = f;
                            wordStart = i;
                        }

                        folded = Append(folded, ref f, c, text.Length - i);
                        folded = Append(folded, ref f, text[i + 1], text.Length - i);
                        i++;
                        wordEnd = i + 1;
                    }
                    else if (inWord)
                    {
                        Add(ref count, wordFold, f - wordFold, wordStart, wordEnd, false, 0);
                        inWord = false;
                    }

                    break;
            }
        }

        if (inWord)
        {
            Add(ref count, wordFold, f - wordFold, wordStart, wordEnd, hashed, hash);
        }

        Count = count;
    }

    private char[] Append(char[] folded, ref int f, char c, int remaining)
    {
        if (f + remaining + 16 > folded.Length)
        {
            var bigger = new char[(folded.Length * 2) + remaining];
            folded.AsSpan(0, f).CopyTo(bigger);
            _folded = folded = bigger;
        }

        folded[f++] = c;
        return folded;
    }

    private void Add(ref int count, int foldStart, int foldLength, int start, int end, bool hashed, uint hash)
    {
        hash = hashed ? VocabularyTable.HashFinish(hash) : VocabularyTable.Hash(_folded.AsSpan(foldStart, foldLength));
        var token = new TextToken(foldStart, foldLength, start, end, hash);
        if (count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[count++] = token;
    }
}
