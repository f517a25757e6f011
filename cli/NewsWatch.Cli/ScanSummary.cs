using System.Text.Json;

using NewsWatch.Core.Scanning;

namespace NewsWatch.Cli;

/// <summary>The summary <c>scan</c> prints: counts, then one line per failing source (or one JSON object).</summary>
internal static class ScanSummary
{
    public static void Write(TextWriter output, IReadOnlyList<ScanResult> results, string storage, bool json)
    {
        var fetched = results.Sum(r => r.ArticlesFetched);
        var written = results.Sum(r => r.AlertsWritten);
        var failed = results.Where(r => !r.Succeeded && r.Skipped is null).ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, JsonLines.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteNumber("sourcesScanned", results.Count);
                w.WriteNumber("sourcesFailed", failed.Count);
                w.WriteNumber("articlesFetched", fetched);
                w.WriteNumber("alertsWritten", written);
                w.WriteNumber("disallowed", results.Sum(r => r.Disallowed));
                w.WriteString("storage", storage);
                w.WriteStartArray("sources");
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteString("sourceId", r.SourceId);
                    w.WriteString("outcome", r.Outcome?.ToString() ?? "NotScanned");
                    w.WriteBoolean("ok", r.Succeeded);
                    w.WriteNumber("linksFound", r.LinksFound);
                    w.WriteNumber("articlesFetched", r.ArticlesFetched);
                    w.WriteNumber("alertsWritten", r.AlertsWritten);
                    w.WriteNumber("disallowed", r.Disallowed);
                    w.WriteNumber("deferred", r.Deferred);
                    w.WriteNumber("notArticles", r.NotArticles);
                    w.WriteNumber("tooOld", r.TooOld);
                    w.WriteString("discovery", r.Discovery);
                    w.WriteString("skipped", r.Skipped);
                    w.WriteString("error", r.Error);
                    w.WriteStartArray("articleFailures");
                    foreach (var f in r.ArticleFailures)
                    {
                        w.WriteStartObject();
                        w.WriteString("articleUrl", f.ArticleUrl);
                        w.WriteString("outcome", f.Outcome.ToString());
                        w.WriteString("error", f.Error);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        output.WriteLine($"Sources scanned: {results.Count} ({failed.Count} failed)");
        output.WriteLine($"Articles fetched: {fetched}");
        output.WriteLine($"Alerts written: {written} (in {storage})");
        if (results.Sum(r => r.Disallowed) is var disallowed and > 0)
        {
            output.WriteLine($"Disallowed by robots.txt: {disallowed}");
        }

        foreach (var r in results.Where(r => r.Discovery is not null))
        {
            output.WriteLine($"{r.SourceId}: auto chose {r.Discovery}");
        }

        foreach (var r in results.Where(r => r.Skipped is not null))
        {
            output.WriteLine($"SKIPPED {r.SourceId}: {r.Skipped}");
        }

        foreach (var r in results.Where(r => r.Deferred > 0))
        {
            output.WriteLine($"{r.SourceId}: {r.Deferred} page(s) left for the next scan (time budget)");
        }

        // Why pages that were read raised no alert, when it was not the rules: a user trying a source sees it at once.
        foreach (var r in results.Where(r => r.NotArticles > 0 || r.TooOld > 0))
        {
            var parts = new List<string>();
            if (r.NotArticles > 0)
            {
                parts.Add($"{r.NotArticles} page(s) not articles (home, section, tag or other pages: never matched; \"pageTypes\": \"any\" matches them)");
            }

            if (r.TooOld > 0)
            {
                parts.Add($"{r.TooOld} article(s) published before the backfill window (no alert; see backfillHours)");
            }

            output.WriteLine($"{r.SourceId}: {string.Join(", ", parts)}");
        }

        foreach (var r in failed)
        {
            output.WriteLine($"FAILED {r.SourceId}: {r.Outcome?.ToString() ?? "NotScanned"}: {r.Error}");
        }

        foreach (var r in results.Where(r => r.ArticleFailures.Count > 0))
        {
            output.WriteLine($"{r.SourceId}: {r.ArticleFailures.Count} page(s) could not be fetched or read, e.g. {r.ArticleFailures[0].ArticleUrl}: {r.ArticleFailures[0].Outcome}");
        }
    }
}
