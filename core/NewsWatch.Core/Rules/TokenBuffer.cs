using System.Diagnostics;
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
    private uint[] _hashes = new uint[1024];

    // Where the words of the last text start and end (text and fold offsets), written by Tokenize's first pass.
    private int[] _startText = [];
    private int[] _startFold = [];
    private int[] _endText = [];
    private int[] _endFold = [];

    /// <summary>A buffer that folds blocks of 16 ASCII chars at once where the CPU and the fold table allow.</summary>
    public TokenBuffer()
        : this(vectorized: true)
    {
    }

    /// <summary>A buffer; <paramref name="vectorized"/> false folds char by char only (tests compare the two).</summary>
    public TokenBuffer(bool vectorized) => _vectorized = vectorized && FoldTable.AsciiIsPlain && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Whether ASCII runs are folded 32 chars at a time (else 16: the previous path, which an A/B measurement can
    /// compare with). Both give the same words.
    /// </summary>
    public bool Wide { get; set; } = true;

    /// <summary>How many tokens the last <see cref="Tokenize"/> found.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens found by the last <see cref="Tokenize"/>.</summary>
    public TokenView Tokens => new(this);

    /// <summary>Per word of the last text, the index of its first char in the text.</summary>
    public int[] StartText => _startText;

    /// <summary>Per word of the last text, the index just past its last char in the text.</summary>
    public int[] EndText => _endText;

    /// <summary>Per word of the last text, where its folded form starts in <see cref="FoldedChars"/>.</summary>
    public int[] StartFold => _startFold;

    /// <summary>Per word of the last text, where its folded form ends in <see cref="FoldedChars"/>.</summary>
    public int[] EndFold => _endFold;

    /// <summary>Per word of the last text, the <see cref="VocabularyTable.Hash"/> of its folded form (after <see cref="HashWords"/>).</summary>
    public uint[] Hashes => _hashes;

    /// <summary>
    /// Whether four chars can be read at every word's folded start (the fold buffer keeps at least 16 chars of
    /// slack past the last word, see <see cref="Split"/>; this guards that invariant), so that
    /// <see cref="VocabularyTable.HashAt"/> can hash a word in place.
    /// </summary>
    public bool CanHashInPlace => Count == 0 || _startFold[Count - 1] + 4 <= _folded.Length;

    /// <summary>The fold buffer the tokens' <see cref="TextToken.FoldStart"/> point into.</summary>
    public char[] FoldedChars => _folded;

    /// <summary>The folded form of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Folded(int index)
    {
        return _folded.AsSpan(_startFold[index], _endFold[index] - _startFold[index]);
    }

    /// <summary>How many chars of text the buffer has room for without growing (its per-char arrays' size).</summary>
    public int CapacityChars => Math.Max(_folded.Length - 16, _startText.Length - 16);

    /// <summary>How many words the buffer has room for in its per-word array of hashes.</summary>
    public int CapacityWords => _hashes.Length;

    /// <summary>
    /// Gives back the arrays grown for a long text (and forgets the last text's words), so that a long-lived
    /// buffer does not keep the peak: the per-char arrays hold 18 bytes per char of the longest text seen.
    /// </summary>
    public void Release()
    {
        _folded = new char[4096];
        _hashes = new uint[1024];
        _startText = [];
        _startFold = [];
        _endText = [];
        _endFold = [];
        Count = 0;
    }

    /// <summary>Splits <paramref name="text"/> into folded words (see <see cref="FoldTable"/>) and hashes each.</summary>
    public void Tokenize(ReadOnlySpan<char> text)
    {
        Split(text);
        HashWords();
    }

    /// <summary>
    /// Splits <paramref name="text"/> into folded words without hashing them: folds the text and writes where words
    /// start and end (text and fold offsets, in four flat arrays). In a block of 16 ASCII chars the starts and ends
    /// are the bits of two masks, written without a branch per word. The matcher hashes the words itself, in the
    /// loop that also filters them.
    /// </summary>
    public void Split(ReadOnlySpan<char> text)
    {
        if (_folded.Length < text.Length + 16)
        {
            _folded = new char[Math.Max(text.Length + 16, _folded.Length * 2)];
        }

        // At most one word starts (and ends) per char; a block writes up to eight entries past its last one.
        if (_startText.Length < text.Length + 16)
        {
            var size = Math.Max(text.Length + 16, _startText.Length * 2);
            _startText = new int[size];
            _startFold = new int[size];
            _endText = new int[size];
            _endFold = new int[size];
        }

        var folded = _folded;
        var starts = 0;
        var ends = 0;
        var inWord = false;
        var wordEnd = 0;

        ref var infos = ref FoldTable.InfoTable;
        ref var source = ref MemoryMarshal.GetReference(text);
        ref var startText = ref MemoryMarshal.GetArrayDataReference(_startText);
        ref var startFold = ref MemoryMarshal.GetArrayDataReference(_startFold);
        ref var endText = ref MemoryMarshal.GetArrayDataReference(_endText);
        ref var endFold = ref MemoryMarshal.GetArrayDataReference(_endFold);
        var vectorized = _vectorized;
        var wide = Wide;
        ref var source16 = ref Unsafe.As<char, ushort>(ref source);
        var f = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Fast path: up to 16 ASCII chars at once (those before the block's first non-ASCII char). ASCII letters
            // and digits are word chars folded to lower case, every other ASCII char separates words
            // (FoldTable.AsciiIsPlain); the block is folded in one store, separators included (they are never part
            // of a token; chars past the ASCII run are overwritten later), and words start and end at the bits of
            // two masks.
            if (vectorized && wide && i + 32 <= text.Length)
            {
                // 32 chars at once (two 16-char halves, one 32-bit mask): the block's bookkeeping (masks, carry,
                // the unconditional writes) is paid once per 32 chars, and the usual block's five or six words are
                // written without a branch.
                var block0 = Vector256.LoadUnsafe(ref source16, (nuint)i);
                var block1 = Vector256.LoadUnsafe(ref source16, (nuint)(i + 16));
                var nonAscii = Vector256.GreaterThan(block0, Vector256.Create((ushort)0x7F)).ExtractMostSignificantBits()
                    | (Vector256.GreaterThan(block1, Vector256.Create((ushort)0x7F)).ExtractMostSignificantBits() << 16);
                var ascii = (uint)BitOperations.TrailingZeroCount(nonAscii | (1UL << 32));
                if (ascii > 0)
                {
                    if (f + 32 > folded.Length)
                    {
                        folded = Grow(folded, f, text.Length - i);
                    }

                    ref var into = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(folded));
                    var run = (uint)((1UL << (int)ascii) - 1);
                    var words = (Fold(block0, ref into, f) | (Fold(block1, ref into, f + 16) << 16)) & run;
                    var before = (words << 1) | (inWord ? 1u : 0u);
                    var wordEnds = ~words & before & run;
                    var firstEnd = ends;
                    Emit8(ref endText, ref endFold, ref ends, wordEnds, i, f);
                    Unsafe.Add(ref endText, firstEnd) += (wordEnd - i) & -(int)(wordEnds & 1);
                    Emit8(ref startText, ref startFold, ref starts, words & ~before, i, f);
                    inWord = ((words >> (int)(ascii - 1)) & 1) != 0;
                    wordEnd = i + (int)ascii;
                    f += (int)ascii;
                    i += (int)ascii - 1;
                    continue;
                }
            }

            if (vectorized && i + 16 <= text.Length)
            {
                var block = Vector256.LoadUnsafe(ref source16, (nuint)i);
                var ascii = (uint)BitOperations.TrailingZeroCount(
                    Vector256.GreaterThan(block, Vector256.Create((ushort)0x7F)).ExtractMostSignificantBits() | 0x10000u);
                if (ascii > 0)
                {
                    if (f + 16 > folded.Length)
                    {
                        folded = Grow(folded, f, text.Length - i);
                    }

                    var run = (1u << (int)ascii) - 1;
                    var words = Fold(block, ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(folded)), f) & run;
                    var before = (words << 1) | (inWord ? 1u : 0u);
                    var wordEnds = ~words & before & run;

                    // A word that ends right at the block kept its own end (it may have ended in ignored chars).
                    var firstEnd = ends;
                    Emit(ref endText, ref endFold, ref ends, wordEnds, i, f);
                    Unsafe.Add(ref endText, firstEnd) += (wordEnd - i) & -(int)(wordEnds & 1);
                    Emit(ref startText, ref startFold, ref starts, words & ~before, i, f);
                    inWord = ((words >> (int)(ascii - 1)) & 1) != 0;
                    wordEnd = i + (int)ascii;
                    f += (int)ascii;
                    i += (int)ascii - 1;
                    continue;
                }
            }

            var info = Unsafe.Add(ref infos, Unsafe.Add(ref source, i));
            if ((CharKind)(info >> 16) == CharKind.Word)
            {
                if (!inWord)
                {
                    inWord = true;
                    Unsafe.Add(ref startText, starts) = i;
                    Unsafe.Add(ref startFold, starts++) = f;
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
                    Unsafe.Add(ref endText, ends) = wordEnd;
                    Unsafe.Add(ref endFold, ends++) = f;
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
                        Unsafe.Add(ref startText, starts) = i;
                        Unsafe.Add(ref startFold, starts++) = f;
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
                        Unsafe.Add(ref endText, ends) = wordEnd;
                        Unsafe.Add(ref endFold, ends++) = f;
                        inWord = false;
                    }

                    Unsafe.Add(ref startText, starts) = i;
                    Unsafe.Add(ref startFold, starts++) = f;
                    folded = Append(folded, ref f, FoldTable.FoldOf(c), text.Length - i);
                    Unsafe.Add(ref endText, ends) = i + 1;
                    Unsafe.Add(ref endFold, ends++) = f;
                    break;

                case CharKind.Surrogate:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                        && Rune.IsLetterOrDigit(new Rune(c, text[i + 1])))
                    {
                        if (!inWord)
                        {
                            inWord = true;
                            Unsafe.Add(ref startText, starts) = i;
                            Unsafe.Add(ref startFold, starts++) = f;
                        }

                        folded = Append(folded, ref f, c, text.Length - i);
                        folded = Append(folded, ref f, text[i + 1], text.Length - i);
                        i++;
                        wordEnd = i + 1;
                    }
                    else if (inWord)
                    {
                        Unsafe.Add(ref endText, ends) = wordEnd;
                        Unsafe.Add(ref endFold, ends++) = f;
                        inWord = false;
                    }

                    break;
            }
        }

        if (inWord)
        {
            Unsafe.Add(ref endText, ends) = wordEnd;
            Unsafe.Add(ref endFold, ends++) = f;
        }

        Debug.Assert(starts == ends, "every word that starts ends");
        Count = starts;
    }

    /// <summary>
    /// Folds a block of 16 ASCII chars (letters to lower case) into <paramref name="into"/> at <paramref name="f"/>
    /// and returns the mask of its word chars (letters and digits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fold(Vector256<ushort> block, ref ushort into, int f)
    {
        var upper = Vector256.LessThanOrEqual(block - Vector256.Create((ushort)'A'), Vector256.Create((ushort)25));
        var lower = block | (upper & Vector256.Create((ushort)0x20));
        var isWord = Vector256.LessThanOrEqual(lower - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25))
            | Vector256.LessThanOrEqual(block - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
        lower.StoreUnsafe(ref into, (nuint)f);
        return isWord.ExtractMostSignificantBits();
    }

    /// <summary>As <see cref="Emit"/>, eight entries unconditionally (for a 32-char block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit8(ref int text, ref int fold, ref int n, uint mask, int i, int f)
    {
        var at = n;
        var count = BitOperations.PopCount(mask);
        for (var k = 0; k < 8; k++)
        {
            var b = BitOperations.TrailingZeroCount(mask);
            Unsafe.Add(ref text, at + k) = i + b;
            Unsafe.Add(ref fold, at + k) = f + b;
            mask &= mask - 1;
        }

        if (count > 8)
        {
            for (var k = 8; k < count; k++)
            {
                var b = BitOperations.TrailingZeroCount(mask);
                Unsafe.Add(ref text, at + k) = i + b;
                Unsafe.Add(ref fold, at + k) = f + b;
                mask &= mask - 1;
            }
        }

        n = at + count;
    }

    /// <summary>
    /// Writes the offsets of the set bits of a block's <paramref name="mask"/> (text offset from <paramref name="i"/>,
    /// fold offset from <paramref name="f"/>): four entries unconditionally (those past the bits set are overwritten
    /// later), more only for a block with more than four, so that the usual block takes no branch per word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(ref int text, ref int fold, ref int n, uint mask, int i, int f)
    {
        var at = n;
        var count = BitOperations.PopCount(mask);
        var b = BitOperations.TrailingZeroCount(mask);
        Unsafe.Add(ref text, at) = i + b;
        Unsafe.Add(ref fold, at) = f + b;
        mask &= mask - 1;
        b = BitOperations.TrailingZeroCount(mask);
        Unsafe.Add(ref text, at + 1) = i + b;
        Unsafe.Add(ref fold, at + 1) = f + b;
        mask &= mask - 1;
        b = BitOperations.TrailingZeroCount(mask);
        Unsafe.Add(ref text, at + 2) = i + b;
        Unsafe.Add(ref fold, at + 2) = f + b;
        mask &= mask - 1;
        b = BitOperations.TrailingZeroCount(mask);
        Unsafe.Add(ref text, at + 3) = i + b;
        Unsafe.Add(ref fold, at + 3) = f + b;
        if (count > 4)
        {
            for (var k = 4; k < count; k++)
            {
                mask &= mask - 1;
                b = BitOperations.TrailingZeroCount(mask);
                Unsafe.Add(ref text, at + k) = i + b;
                Unsafe.Add(ref fold, at + k) = f + b;
            }
        }

        n = at + count;
    }

    /// <summary><see cref="Hashes"/>, with room for <see cref="Count"/> words (for a caller that hashes the words itself).</summary>
    public uint[] HashArray()
    {
        if (_hashes.Length < Count)
        {
            _hashes = new uint[Math.Max(Count, _hashes.Length * 2)];
        }

        return _hashes;
    }

    /// <summary>Fills <see cref="Hashes"/> for the words of the last <see cref="Split"/>, in a loop without a data-dependent branch.</summary>
    public void HashWords()
    {
        var count = Count;
        var folded = _folded;
        var hashes = HashArray().AsSpan(0, count);
        var startFold = _startFold.AsSpan(0, count);
        var endFold = _endFold.AsSpan(0, count);
        var inPlace = CanHashInPlace;
        ref var chars = ref MemoryMarshal.GetArrayDataReference(folded);
        for (var k = 0; k < hashes.Length; k++)
        {
            var foldStart = startFold[k];
            var foldLength = endFold[k] - foldStart;
            hashes[k] = inPlace
                ? VocabularyTable.HashAt(ref Unsafe.Add(ref chars, foldStart), foldLength)
                : VocabularyTable.Hash(folded.AsSpan(foldStart, foldLength));
        }
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
}
