using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NewsWatch.Core.Rules;

/// <summary>
/// The words of one text, folded: reused between articles so that scanning allocates nothing once warm.
/// Not thread-safe; each match call takes its own.
/// </summary>
internal sealed class TokenBuffer
{
    private readonly bool _vectorized;
    private char[] _folded = new char[4096];
    private TextToken[] _tokens = new TextToken[1024];

    /// <summary>A buffer that folds blocks of 16 ASCII chars at once where the CPU and the fold table allow.</summary>
    public TokenBuffer()
        : this(vectorized: true)
    {
    }

    /// <summary>A buffer; <paramref name="vectorized"/> false folds char by char only (tests compare the two).</summary>
    public TokenBuffer(bool vectorized) => _vectorized = vectorized && FoldTable.AsciiIsPlain && Vector256.IsHardwareAccelerated;

    /// <summary>How many tokens the last <see cref="Tokenize"/> found.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens found by the last <see cref="Tokenize"/>.</summary>
    public ReadOnlySpan<TextToken> Tokens => _tokens.AsSpan(0, Count);

    /// <summary>The fold buffer the tokens' <see cref="TextToken.FoldStart"/> point into.</summary>
    public char[] FoldedChars => _folded;

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

        ref var infos = ref FoldTable.InfoTable;
        ref var source = ref MemoryMarshal.GetReference(text);
        var vectorized = _vectorized;
        ref var source16 = ref Unsafe.As<char, ushort>(ref source);
        for (var i = 0; i < text.Length; i++)
        {
            // Fast path: 16 ASCII chars at once. ASCII letters and digits are word chars folded to lower case, every
            // other ASCII char separates words (FoldTable.AsciiIsPlain); the block is folded in one store, separators
            // included (they are never part of a token), and words start and end at the bits of a mask.
            if (vectorized && i + 16 <= text.Length)
            {
                var block = Vector256.LoadUnsafe(ref source16, (nuint)i);
                if ((block & Vector256.Create((ushort)0xFF80)) == Vector256<ushort>.Zero)
                {
                    var upper = Vector256.LessThanOrEqual(block - Vector256.Create((ushort)'A'), Vector256.Create((ushort)25));
                    var lower = block | (upper & Vector256.Create((ushort)0x20));
                    var isWord = Vector256.LessThanOrEqual(lower - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25))
                        | Vector256.LessThanOrEqual(block - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
                    if (f + 16 > folded.Length)
                    {
                        folded = Grow(folded, f, text.Length - i);
                    }

                    lower.StoreUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(folded)), (nuint)f);
                    var words = isWord.ExtractMostSignificantBits();
                    var b = 0;
                    while (b < 16)
                    {
                        if (inWord)
                        {
                            var gaps = ~words & 0xFFFFu & (0xFFFFu << b);
                            if (gaps == 0)
                            {
                                break;
                            }

                            b = BitOperations.TrailingZeroCount(gaps);

                            // A word that ends right at the block kept its own end (it may have ended in ignored chars).
                            Add(ref count, wordFold, f + b - wordFold, wordStart, b == 0 ? wordEnd : i + b);
                            inWord = false;
                        }
                        else
                        {
                            var starts = words & (0xFFFFu << b);
                            if (starts == 0)
                            {
                                break;
                            }

                            b = BitOperations.TrailingZeroCount(starts);
                            inWord = true;
                            wordStart = i + b;
                            wordFold = f + b;
                        }
                    }

                    wordEnd = i + 16;
                    f += 16;
                    i += 15;
                    continue;
                }
            }

            var info = Unsafe.Add(ref infos, Unsafe.Add(ref source, i));
            if ((CharKind)(info >> 16) == CharKind.Word)
            {
                if (!inWord)
                {
                    inWord = true;
                    wordFold = f;
                    wordStart = i;
                }

                // A run of plain word chars, folded one for one: the bounds are checked once for the whole run.
                if (f + (text.Length - i) > folded.Length)
                {
                    folded = Grow(folded, f, text.Length - i);
                }

                ref var into = ref MemoryMarshal.GetArrayDataReference(folded);
                while (true)
                {
                    Unsafe.Add(ref into, f++) = (char)info;
                    if (++i == text.Length)
                    {
                        break;
                    }

                    info = Unsafe.Add(ref infos, Unsafe.Add(ref source, i));
                    if ((CharKind)(info >> 16) != CharKind.Word)
                    {
                        break;
                    }
                }

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
                    Add(ref count, wordFold, f - wordFold, wordStart, wordEnd);
                    inWord = false;
                }

                continue;
            }

            var c = text[i];
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
                        Add(ref count, wordFold, f - wordFold, wordStart, wordEnd);
                        inWord = false;
                    }

                    folded = Append(folded, ref f, FoldTable.FoldOf(c), text.Length - i);
                    Add(ref count, f - 1, 1, i, i + 1);
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
                        Add(ref count, wordFold, f - wordFold, wordStart, wordEnd);
                        inWord = false;
                    }

                    break;
            }
        }

        if (inWord)
        {
            Add(ref count, wordFold, f - wordFold, wordStart, wordEnd);
        }

        Count = count;
    }

    private char[] Append(char[] folded, ref int f, char c, int remaining)
    {
        if (f + remaining + 16 > folded.Length)
        {
            folded = Grow(folded, f, remaining);
        }

        folded[f++] = c;
        return folded;
    }

    private char[] Grow(char[] folded, int used, int remaining)
    {
        var bigger = new char[(folded.Length * 2) + remaining + 16];
        folded.AsSpan(0, used).CopyTo(bigger);
        return _folded = bigger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ref int count, int foldStart, int foldLength, int start, int end)
    {
        // The fold buffer keeps at least 16 chars of slack past the last word (see Tokenize), so four chars can be
        // read at any word's start; the check guards the invariant.
        var hash = foldStart + 4 <= _folded.Length
            ? VocabularyTable.HashAt(ref _folded[foldStart], foldLength)
            : VocabularyTable.Hash(_folded.AsSpan(foldStart, foldLength));
        var token = new TextToken(foldStart, foldLength, start, end, hash);
        if (count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[count++] = token;
    }
}
