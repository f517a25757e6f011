using System.Diagnostics;

namespace NewsWatch.Benchmarks;

/// <summary>
/// SmartReader (a C# port of Mozilla Readability, on AngleSharp) over the corpus pages in one process, the way
/// <c>newswatch extract</c> is run: read each page, extract it, write its text. Used by <c>compare-smartreader.sh</c>
/// to compare CPU time; prints the process's CPU time on stderr.
/// </summary>
internal static class SmartReaderRun
{
    public static int Run(IReadOnlyList<string> files)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput());
        foreach (var file in files)
        {
            var html = File.ReadAllText(file);
            try
            {
                var article = new SmartReader.Reader("https://example.com/" + Path.GetFileNameWithoutExtension(file), html).GetArticle();
                stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { input = file, text = article.TextContent ?? string.Empty }));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { input = file, error = ex.Message }));
            }
        }

        Console.Error.WriteLine($"smartreader: {files.Count} pages, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s");
        return 0;
    }
}
