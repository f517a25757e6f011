using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class TokenBufferTests
{
    // ASCII runs long enough to fill 16-char blocks, next to everything the char-by-char path handles.
    private static readonly string[] Pieces =
    [
        "ceasefire", "Cease-Fire", "NATO", "5,000", "troops", "the", " ", "  ", "\n", ".", "\"", "'", "(", ")", "-",
        "\u00AD", "\u00A0", "\u2019", "\u201C", "ß", "Straße", "Genève", "e\u0301", "и\u0306", "Київ", "Москва",
        "東京都", "\u200B", "\u200D", "<b>", "ﬁ", "İstanbul", "😀", "x", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
        "abcdefghijklmnopqrstuvwxyz0123", "a\u00ADb", "word\u00AD", "\t", "Ω", "Œuvre",
    ];

    [Fact]
    public void Tokenize_VectorizedAndCharByChar_SameTokens()
    {
        var random = new Random(7);
        var fast = new TokenBuffer();
        var slow = new TokenBuffer(vectorized: false);
        for (var n = 0; n < 5000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            fast.Tokenize(text);
            slow.Tokenize(text);
            Assert.Equal(slow.Count, fast.Count);
            for (var t = 0; t < slow.Count; t++)
            {
                Assert.Equal((slow.Tokens[t].Start, slow.Tokens[t].End, slow.Tokens[t].Hash), (fast.Tokens[t].Start, fast.Tokens[t].End, fast.Tokens[t].Hash));
                Assert.Equal(slow.Folded(t).ToString(), fast.Folded(t).ToString());
                Assert.Equal(VocabularyTable.Hash(fast.Folded(t).ToString()), fast.Tokens[t].Hash);
            }
        }
    }

    [Fact]
    public void Tokenize_WideAndNarrowBlocks_SameTokensAsCharByChar()
    {
        // Mostly ASCII, so that 32-char blocks are common, with blocks of up to 16 words and runs cut by non-ASCII chars.
        string[] ascii = ["a b c d e f g h i j k l m n o p q", "Troops", "were", "seen", " ", ". ", "NATO", "x1", "ab,cd", "\u2014", "\u00E9", "\u00AD", "\n"];
        var random = new Random(11);
        var wide = new TokenBuffer();
        var narrow = new TokenBuffer { Wide = false };
        var slow = new TokenBuffer(vectorized: false);
        for (var n = 0; n < 5000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(4) == 0 ? Pieces[random.Next(Pieces.Length)] : ascii[random.Next(ascii.Length)]));
            wide.Tokenize(text);
            narrow.Tokenize(text);
            slow.Tokenize(text);
            Assert.Equal(slow.Count, wide.Count);
            Assert.Equal(slow.Count, narrow.Count);
            for (var t = 0; t < slow.Count; t++)
            {
                Assert.Equal((slow.Tokens[t].Start, slow.Tokens[t].End, slow.Tokens[t].Hash), (wide.Tokens[t].Start, wide.Tokens[t].End, wide.Tokens[t].Hash));
                Assert.Equal((slow.Tokens[t].Start, slow.Tokens[t].End, slow.Tokens[t].Hash), (narrow.Tokens[t].Start, narrow.Tokens[t].End, narrow.Tokens[t].Hash));
                Assert.Equal(slow.Folded(t).ToString(), wide.Folded(t).ToString());
            }
        }
    }

    [Fact]
    public void Tokenize_LongAsciiText_FoldsToLowerWords()
    {
        var buffer = new TokenBuffer();
        buffer.Tokenize("The NATO summit in Brussels agreed 5,000 more troops, officials said on Tuesday.");
        var words = Enumerable.Range(0, buffer.Count).Select(i => buffer.Folded(i).ToString()).ToArray();
        Assert.Equal(["the", "nato", "summit", "in", "brussels", "agreed", "5", "000", "more", "troops", "officials", "said", "on", "tuesday"], words);
        Assert.Equal(4, buffer.Tokens[1].Start);
        Assert.Equal(8, buffer.Tokens[1].End);
    }

    [Fact]
    public void Hash_EveryLengthAndEveryChange_DependsOnlyOnTheWord()
    {
        // The hash reads blocks of four chars at the start, the end and between (overlapping): a word read inside
        // a longer buffer hashes as the word alone, and changing any one char or the length changes the hash.
        var random = new Random(3);
        for (var length = 1; length <= 60; length++)
        {
            var word = new string(Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
            var inBuffer = ("xyzw" + word + "qrst").ToCharArray();
            Assert.Equal(VocabularyTable.Hash(word), VocabularyTable.HashAt(ref inBuffer[4], length));
            Assert.NotEqual(VocabularyTable.Hash(word), VocabularyTable.Hash(word + "a"));
            for (var i = 0; i < length; i++)
            {
                var changed = word.ToCharArray();
                changed[i] = changed[i] == 'a' ? 'b' : 'a';
                Assert.NotEqual(VocabularyTable.Hash(word), VocabularyTable.Hash(new string(changed)));
            }
        }
    }
}
