using System.Text.Json;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The host of <see cref="CrawlScheduleHostTests"/>: ScanSource disabled (<c>AzureWebJobs.ScanSource.Disabled</c>), so
/// the timer's scan requests stay on queue <c>scan-requests</c> to be read; three sources on the site's host and one on
/// a second port (never fetched: nothing scans).
/// </summary>
public sealed class CrawlScheduleHostFixture : FunctionsHostFixture
{
    /// <summary>A second host: a port where nothing listens (no request is ever sent to it).</summary>
    public static readonly Uri OtherHost = new("http://127.0.0.1:9/");

    protected override async Task OnInitializedAsync()
    {
        await WriteConfigFileAsync(JsonSerializer.Serialize(new
        {
            sources = new object[]
            {
                new { id = "a-world", url = Site.Server.Url("/world/").AbsoluteUri, kind = "page" },
                new { id = "a-feed", url = Site.Server.Url("/feed.xml").AbsoluteUri, kind = "feed" },
                new { id = "a-sitemap", url = Site.Server.Url("/news-sitemap.xml").AbsoluteUri, kind = "sitemap" },
                new { id = "b-world", url = new Uri(OtherHost, "/world/").AbsoluteUri, kind = "page" },
            },
            rules = DefaultRules.Select(r => new { id = r.Id, query = r.Query }),
            subscribers = new object[] { new { email = Everything, rules = new[] { "*" } } },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
        }));
        await StartHostAsync(new Dictionary<string, string?> { ["AzureWebJobs.ScanSource.Disabled"] = "true" });
    }
}
