using System.Buffers;
using System.Buffers.Binary;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Stories;

/// <summary>
/// What an article's body says, as a small sketch that survives syndication's edits: the set of its 5-word shingles
/// (words folded like the rule matcher folds them: case, accents, punctuation, quotes and line wrapping do not count),
/// each hashed to 64 bits, of which the <see cref="SketchSize"/> smallest are kept (a bottom-k MinHash sketch, Broder
/// 1997). From two sketches come both the resemblance (Jaccard) of the two shingle sets and the containment of the
/// smaller in the larger, which a wire teaser (the first paragraphs of a story) needs: its Jaccard with the full story
/// is small, its containment is 1. The <see cref="IndexKeys"/> (the 16 smallest hashes of the whole text and the 4
/// smallest of its first 100 words) are what the story index looks candidates up by.
/// </summary>
public sealed class StoryFingerprint
{
    /// <summary>Words per shingle.</summary>
    public const int ShingleWords = 5;

    /// <summary>How many of the smallest shingle hashes the sketch keeps.</summary>
    public const int SketchSize = 256;

    /// <summary>How many of the smallest hashes of the whole text are index keys.</summary>
    public const int BodyKeys = 16;

    /// <summary>How many of the smallest hashes of the lead (the first <see cref="LeadWords"/> words) are index keys.</summary>
    public const int LeadKeys = 4;

    /// <summary>The length of the lead in words.</summary>
    public const int LeadWords = 100;

    private readonly ulong[] _sketch;
    private readonly ulong[] _indexKeys;

    private StoryFingerprint(int words, int shingles, ulong[] sketch, ulong[] indexKeys)
    {
        Words = words;
        Shingles = shingles;
        _sketch = sketch;
        _indexKeys = indexKeys;
    }

    /// <summary>The number of words in the text.</summary>
    public int Words { get; }

    /// <summary>The number of shingles (word positions; repeats counted), which says which of two texts is the larger.</summary>
    public int Shingles { get; }

    /// <summary>The smallest distinct shingle hashes, ascending; all of them when the text has fewer than <see cref="SketchSize"/>.</summary>
    public IReadOnlyList<ulong> Sketch => _sketch;

    /// <summary>The keys the index files this text under: distinct hashes, at most <see cref="BodyKeys"/> + <see cref="LeadKeys"/>.</summary>
    public IReadOnlyList<ulong> IndexKeys => _indexKeys;

    /// <summary>Fingerprints a body text.</summary>
    public static StoryFingerprint Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var wordBuffer = ArrayPool<ulong>.Shared.Rent(text.Length + 1);
        try
        {
            var words = HashWords(text, wordBuffer);
            return FromWordHashes(wordBuffer.AsSpan(0, words));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(wordBuffer);
        }
    }

    /// <summary>A fingerprint read back from storage (<see cref="SketchSize"/> hashes at most, ascending).</summary>
    public static StoryFingerprint FromStored(int words, int shingles, ReadOnlySpan<byte> sketch)
    {
        var count = Math.Min(sketch.Length / 8, SketchSize);
        var hashes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(sketch.Slice(i * 8, 8));
        }

        return new StoryFingerprint(words, shingles, hashes, []);
    }

    /// <summary>The sketch as bytes (little-endian 64-bit hashes), for storage.</summary>
    public byte[] SketchBytes()
    {
        var bytes = new byte[_sketch.Length * 8];
        for (var i = 0; i < _sketch.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8, 8), _sketch[i]);
        }

        return bytes;
    }

    /// <summary>
    /// The estimated Jaccard resemblance of the two shingle sets: of the <see cref="SketchSize"/> smallest hashes of the
    /// union of both sketches, the share that both have.
    /// </summary>
    public double Resemblance(StoryFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _sketch;
        var b = other._sketch;
        int i = 0, j = 0, taken = 0, both = 0;
        while (taken < SketchSize && (i < a.Length || j < b.Length))
        {
            if (j >= b.Length || (i < a.Length && a[i] < b[j]))
            {
                i++;
            }
            else if (i >= a.Length || b[j] < a[i])
            {
                j++;
            }
            else
            {
                both++;
                i++;
                j++;
            }

            taken++;
        }

        return taken == 0 ? 0 : (double)both / taken;
    }

    /// <summary>
    /// The estimated share of the smaller text's shingles that the larger text has too: of the smaller sketch's hashes
    /// up to the larger sketch's largest, the share the larger sketch holds. <paramref name="samples"/> is how many
    /// hashes the estimate rests on.
    /// </summary>
    public double Containment(StoryFingerprint other, out int samples)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (small, large) = Shingles <= other.Shingles ? (this, other) : (other, this);
        var a = small._sketch;
        var b = large._sketch;
        var limit = b.Length >= SketchSize ? b[^1] : ulong.MaxValue;
        int i = 0, j = 0, hits = 0;
        samples = 0;
        while (i < a.Length && a[i] <= limit)
        {
            samples++;
            while (j < b.Length && b[j] < a[i])
            {
                j++;
            }

            if (j < b.Length && b[j] == a[i])
            {
                hits++;
            }

            i++;
        }

        return samples == 0 ? 0 : (double)hits / samples;
    }

    private static int HashWords(string text, ulong[] output)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var count = 0;
        var hash = offset;
        var inWord = false;
        foreach (var c in text)
        {
            var info = FoldTable.InfoOf(c);
            var kind = (CharKind)(info >> 16);
            switch (kind)
            {
                case CharKind.Word:
                    hash = (hash ^ (info & 0xFFFF)) * prime;
                    inWord = true;
                    break;
                case CharKind.Expand:
                    foreach (var e in FoldTable.ExpansionOf(c))
                    {
                        hash = (hash ^ e) * prime;
                    }

                    inWord = true;
                    break;
                case CharKind.Surrogate:
                    hash = (hash ^ c) * prime;
                    inWord = true;
                    break;
                case CharKind.Mark:
                    if (inWord && !FoldTable.IsDroppedMark(c))
                    {
                        hash = (hash ^ c) * prime;
                    }

                    break;
                case CharKind.Ignore:
                    break;
                case CharKind.Single:
                    if (inWord)
                    {
                        output[count++] = Mix(hash);
                    }

                    output[count++] = Mix((offset ^ (info & 0xFFFF)) * prime);
                    hash = offset;
                    inWord = false;
                    break;
                default:
                    if (inWord)
                    {
                        output[count++] = Mix(hash);
                        hash = offset;
                        inWord = false;
                    }

                    break;
            }
        }

        if (inWord)
        {
            output[count++] = Mix(hash);
        }

        return count;
    }

    private static StoryFingerprint FromWordHashes(Span<ulong> words)
    {
        if (words.Length == 0)
        {
            return new StoryFingerprint(0, 0, [], []);
        }

        // Shingle i covers words i..i+4 (one shingle of all words when there are fewer); it overwrites word i in place,
        // which no later shingle reads. The lead's smallest hashes are kept on the way.
        var shingleCount = Math.Max(1, words.Length - ShingleWords + 1);
        Span<ulong> lead = stackalloc ulong[LeadKeys];
        lead.Fill(ulong.MaxValue);
        var leadShingles = Math.Min(shingleCount, Math.Max(1, LeadWords - ShingleWords + 1));
        for (var i = 0; i < shingleCount; i++)
        {
            var h = 0x9E3779B97F4A7C15UL;
            var end = Math.Min(words.Length, i + ShingleWords);
            for (var w = i; w < end; w++)
            {
                h = Mix(h ^ words[w]);
            }

            words[i] = h;
            if (i < leadShingles)
            {
                KeepSmallest(lead, h);
            }
        }

        var sketch = Smallest(words[..shingleCount]);
        var keys = new List<ulong>(BodyKeys + LeadKeys);
        keys.AddRange(sketch.AsSpan(0, Math.Min(sketch.Length, BodyKeys)));
        foreach (var h in lead)
        {
            if (h != ulong.MaxValue && !keys.Contains(h))
            {
                keys.Add(h);
            }
        }

        return new StoryFingerprint(words.Length, shingleCount, sketch, keys.ToArray());
    }

    /// <summary>The <see cref="SketchSize"/> smallest distinct values, ascending; reorders <paramref name="shingles"/>.</summary>
    private static ulong[] Smallest(Span<ulong> shingles)
    {
        if (shingles.Length > 2 * SketchSize)
        {
            // Hashes are uniform: the smallest SketchSize of n lie below about SketchSize/n of the range. Sorting only
            // the values under twice that is enough, unless too many of them repeat (then sort all).
            var cutoff = (ulong)(ulong.MaxValue * (2.0 * SketchSize / shingles.Length));
            var m = 0;
            for (var i = 0; i < shingles.Length; i++)
            {
                if (shingles[i] <= cutoff)
                {
                    (shingles[m], shingles[i]) = (shingles[i], shingles[m]);
                    m++;
                }
            }

            var front = shingles[..m];
            front.Sort();
            var found = Distinct(front);
            if (found >= SketchSize)
            {
                return front[..SketchSize].ToArray();
            }
        }

        shingles.Sort();
        return shingles[..Math.Min(Distinct(shingles), SketchSize)].ToArray();
    }

    /// <summary>Moves the distinct values of a sorted span to its front; returns how many there are.</summary>
    private static int Distinct(Span<ulong> sorted)
    {
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (distinct == 0 || sorted[distinct - 1] != sorted[i])
            {
                sorted[distinct++] = sorted[i];
            }
        }

        return distinct;
    }

    private static void KeepSmallest(Span<ulong> smallest, ulong h)
    {
        // Sorted ascending; insert h if it is smaller than the largest kept and not kept yet.
        if (h >= smallest[^1] || smallest.Contains(h))
        {
            return;
        }

        var k = smallest.Length - 1;
        while (k > 0 && smallest[k - 1] > h)
        {
            smallest[k] = smallest[k - 1];
            k--;
        }

        smallest[k] = h;
    }

    private static ulong Mix(ulong x)
    {
        // splitmix64's finaliser: every input bit affects every output bit.
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }
}
