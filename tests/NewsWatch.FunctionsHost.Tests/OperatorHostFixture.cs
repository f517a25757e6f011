using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The host of <see cref="OperatorHostTests"/>: two sources on the site's host, one of them (<see cref="FlakySource"/>)
/// with a listing that answers 500 while <see cref="Failing"/> is set; operators in the config; the failing threshold
/// and the retry backoff shortened by the settings <c>Health__FailingAfterMinutes</c> (12 s) and
/// <c>Health__RetryBackoffMinutes</c> (3 s), and no fetch retries, so one scan is one listing request.
/// </summary>
public sealed class OperatorHostFixture : FunctionsHostFixture
{
    /// <summary>The operators' address.</summary>
    public const string Operator = "ops@example.org";

    /// <summary>The source whose listing fails while <see cref="Failing"/> is set.</summary>
    public const string FlakySource = "flaky-world";

    /// <summary>The flaky listing's path.</summary>
    public const string FlakyPath = "/flaky/";

    private volatile bool _failing;

    /// <summary>While true, the flaky listing answers 500.</summary>
    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    protected override async Task OnInitializedAsync()
    {
        Site.AddStory("talks-resume", "Talks resume", "Negotiators said a cease-fire could be agreed within days.");
        var listing = Html("""<html><body><main><ul><li><a href="/story/flaky-one.html">One</a></li><li><a href="/story/flaky-two.html">Two</a></li></ul></main></body></html>""");
        Site.Server.Map(FlakyPath, context => Failing ? Status(StatusCodes.Status500InternalServerError)(context) : listing(context));
        Site.Server.Map("/story/flaky-one.html", Html(LoopbackNewsSite.StoryPage("Ceasefire holds", "The ceasefire held through the night.")));
        Site.Server.Map("/story/flaky-two.html", Html(LoopbackNewsSite.StoryPage("Weather", "Rain is expected on Friday.")));
        await WriteConfigFileAsync(JsonSerializer.Serialize(new
        {
            sources = new object[]
            {
                new { id = SourceId, url = Site.ListingUrl.AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern },
                new { id = FlakySource, url = Site.Server.Url(FlakyPath).AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern },
            },
            rules = DefaultRules.Select(r => new { id = r.Id, query = r.Query }),
            subscribers = new object[] { new { email = Everything, rules = new[] { "*" } } },
            operators = new[] { Operator },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
            fetch = new { maxInFlightPerHost = 8, minIntervalSeconds = 0 },
        }));
        await StartHostAsync(new Dictionary<string, string?>
        {
            ["Health__FailingAfterMinutes"] = "0.2",
            ["Health__RetryBackoffMinutes"] = "0.05",
            ["Fetch__MaxRetries"] = "0",
        });
    }
}
