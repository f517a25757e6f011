using BenchmarkDotNet.Attributes;
using NewsWatch.Core.Stories;

namespace NewsWatch.Benchmarks;

/// <summary>
/// Fingerprints every corpus article body (<see cref="StoryFingerprint.Compute"/>; one operation is one article), and
/// scores a fingerprint against stored candidates as the story index does (one operation is one comparison).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StoryFingerprintBenchmarks
{
    private string[] _bodies = [];
    private StoryFingerprint[] _prints = [];

    [GlobalSetup]
    public void Setup()
    {
        _bodies = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        if (_bodies.Length != Corpus.PageCount)
        {
            throw new InvalidOperationException($"Expected {Corpus.PageCount} bodies, found {_bodies.Length}: update Corpus.PageCount.");
        }

        _prints = _bodies.Select(StoryFingerprint.Compute).ToArray();
        Console.WriteLine($"// {_bodies.Length} bodies, {_bodies.Average(b => b.Length):F0} chars and {_prints.Average(p => p.Words):F0} words each on average");
    }

    /// <summary>Fingerprints every body; reported per article.</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount)]
    public int Fingerprint()
    {
        var shingles = 0;
        foreach (var body in _bodies)
        {
            shingles += StoryFingerprint.Compute(body).Shingles;
        }

        return shingles;
    }

    /// <summary>Scores the first fingerprint against every other; reported per comparison.</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount - 1)]
    public double Score()
    {
        var total = 0.0;
        for (var i = 1; i < _prints.Length; i++)
        {
            total += StorySimilarity.Score(_prints[0], _prints[i]);
        }

        return total;
    }
}
