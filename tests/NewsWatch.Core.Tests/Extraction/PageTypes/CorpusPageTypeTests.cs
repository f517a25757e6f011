using System.Globalization;
using NewsWatch.Core.Extraction;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Extraction.PageTypes;

/// <summary>Every page of the shared extraction corpus is an article (or a live blog): none may be classed other.</summary>
public sealed class CorpusPageTypeTests
{
    [CorpusFact]
    public void Extract_EveryExtractionCorpusPage_IsAnArticleOrLiveBlog()
    {
        var extractor = new ArticleExtractor();
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Corpus!, "extraction", "html"), "*.html");
        var others = new List<string>();
        foreach (var file in files)
        {
            var article = extractor.Extract(File.ReadAllText(file), null);
            if (article.PageType == PageType.Other)
            {
                others.Add($"{Path.GetFileName(file)}: {string.Join("; ", article.PageTypeReasons)}");
            }
        }

        Assert.NotEmpty(files);
        Assert.True(others.Count == 0, string.Create(CultureInfo.InvariantCulture, $"{others.Count} of {files.Length} articles classed other:\n{string.Join("\n", others)}"));
    }
}
