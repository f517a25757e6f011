using BenchmarkDotNet.Attributes;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Benchmarks;

/// <summary>Extracts the article from every corpus page through the public <see cref="ArticleExtractor"/> API; one operation is one page.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private string[] _pages = [];
    private readonly ArticleExtractor _extractor = new();

    [GlobalSetup]
    public void Setup()
    {
        _pages = Corpus.HtmlFiles().Select(File.ReadAllText).ToArray();
        if (_pages.Length != Corpus.PageCount)
        {
            throw new InvalidOperationException($"Expected {Corpus.PageCount} pages in the corpus, found {_pages.Length}: update Corpus.PageCount.");
        }

        Console.WriteLine($"// {_pages.Length} pages, {_pages.Average(p => p.Length):F0} chars of HTML each on average");
    }

    /// <summary>Extracts every page; reported per page.</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount)]
    public int ExtractCorpus()
    {
        var chars = 0;
        foreach (var page in _pages)
        {
            chars += _extractor.Extract(page, null).Text.Length;
        }

        return chars;
    }
}
