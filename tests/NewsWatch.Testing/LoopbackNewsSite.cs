using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace NewsWatch.Testing;

/// <summary>
/// A small news site on a <see cref="LoopbackHttpServer"/> that can change while a scanner watches it: a listing at
/// <see cref="ListingUrl"/> (<c>/world/</c>) that links every story added so far, newest first, and story pages at
/// <c>/story/{slug}.html</c> with real site furniture around the article (a menu, a "most read" sidebar and a footer
/// that mention "ceasefire" and "troops to Ukraine", which must never alert). Add or replace stories, or map any page
/// (a live blog, a feed) through <see cref="Server"/>, between two scan cycles.
/// </summary>
public sealed class LoopbackNewsSite : IAsyncDisposable
{
    /// <summary>The link pattern of the site's stories, for a source's <c>linkPattern</c>.</summary>
    public const string StoryLinkPattern = "/story/";

    private const string Menu = """
        <header><nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/live">Live: ceasefire talks</a></nav></header>
        """;

    private const string Sidebar = """
        <aside class="sidebar"><h2>Most read</h2><ul>
        <li><a href="/most-read/1">Allies debate sending troops to Ukraine after a ceasefire</a></li>
        <li><a href="/most-read/2">Ceasefire hopes lift markets</a></li></ul></aside>
        """;

    private const string Footer = """
        <footer><p>Our ceasefire newsletter, every morning.</p><p>&copy; Loopback Gazette</p></footer>
        """;

    private readonly ConcurrentDictionary<string, (string Title, long Order)> _stories = new(StringComparer.Ordinal);
    private long _order;

    private LoopbackNewsSite(LoopbackHttpServer server)
    {
        Server = server;
    }

    /// <summary>The HTTP server under the site: map any other page on it.</summary>
    public LoopbackHttpServer Server { get; }

    /// <summary>The listing page, <c>/world/</c>.</summary>
    public Uri ListingUrl => Server.Url("/world/");

    /// <summary>Starts an empty site (a listing with no story) on a free loopback port.</summary>
    public static async Task<LoopbackNewsSite> StartAsync(CancellationToken cancellationToken = default)
    {
        var site = new LoopbackNewsSite(await LoopbackHttpServer.StartAsync(cancellationToken).ConfigureAwait(false));
        site.Server.Map("/world/", site.ListingAsync);
        return site;
    }

    /// <summary>The path of story <paramref name="slug"/>: <c>/story/{slug}.html</c>.</summary>
    public static string StoryPath(string slug) => $"/story/{slug}.html";

    /// <summary>
    /// Publishes (or replaces) a story: its page with <paramref name="title"/> and the article's first paragraph
    /// <paramref name="lead"/> (two neutral paragraphs follow), inside the site's furniture, and a link on the listing.
    /// Returns its URL. With <paramref name="delay"/>, the page waits that long before it answers (a slow site).
    /// </summary>
    public Uri AddStory(string slug, string title, string lead, TimeSpan? delay = null)
    {
        var path = StoryPath(slug);
        _stories.AddOrUpdate(path, _ => (title, Interlocked.Increment(ref _order)), (_, old) => (title, old.Order));
        var page = LoopbackResponses.Html(StoryPage(title, lead));
        return Server.Map(path, delay is { } wait ? LoopbackResponses.Delayed(wait, page) : page);
    }

    /// <summary>Takes a story off the listing (its page still answers).</summary>
    public void Unlist(string slug) => _stories.TryRemove(StoryPath(slug), out _);

    /// <summary>How many requests reached <paramref name="path"/> (e.g. <see cref="StoryPath"/>) so far.</summary>
    public int RequestCount(string path) => Server.RequestCount(path);

    /// <summary>A story page: the article inside the site's menu, sidebar and footer.</summary>
    public static string StoryPage(string title, string lead)
    {
        var (t, l) = (WebUtility.HtmlEncode(title), WebUtility.HtmlEncode(lead));
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t}</title></head><body>
            {Menu}
            <main><article><h1>{t}</h1><div class="article-body">
            <p>{l}</p>
            <p>{Filler(title, 1)}</p>
            <p>{Filler(title, 2)}</p>
            </div></article>
            {Sidebar}</main>
            {Footer}
            </body></html>
            """;
    }

    /// <summary>
    /// A neutral paragraph drawn from <paramref name="title"/> (the same title always gives the same text), so two
    /// stories of the site never share their body text and the story index never takes them for one story.
    /// </summary>
    private static string Filler(string title, int paragraph)
    {
        string[] words =
        [
            "officials", "met", "capitals", "notes", "meetings", "planned", "weeks", "analysts", "cautioned", "talks",
            "early", "stage", "questions", "open", "ministers", "reporters", "statement", "evening", "morning", "council",
            "members", "agreed", "review", "figures", "region", "harbour", "trains", "schools", "budget", "market",
            "prices", "farmers", "weather", "river", "bridge", "museum", "library", "festival", "court", "judges",
            "hospital", "doctors", "workers", "union", "factory", "exports", "shipping", "airport", "visitors", "mayor",
        ];
        var seed = paragraph;
        foreach (var c in title)
        {
            seed = unchecked((seed * 31) + c);
        }

        var random = new Random(seed);
        var text = new System.Text.StringBuilder();
        for (var sentence = 0; sentence < 3; sentence++)
        {
            var length = random.Next(9, 15);
            for (var i = 0; i < length; i++)
            {
                var word = words[random.Next(words.Length)];
                text.Append(i == 0 ? (sentence == 0 ? "" : " ") + char.ToUpperInvariant(word[0]) + word[1..] : " " + word);
            }

            text.Append('.');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task ListingAsync(HttpContext context)
    {
        var items = string.Concat(_stories
            .OrderByDescending(s => s.Value.Order)
            .Select(s => $"""<li><a href="{s.Key}">{WebUtility.HtmlEncode(s.Value.Title)}</a></li>""" + "\n"));
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>World news</title></head><body>
            {Menu}
            <main><h1>World</h1><ul class="stories">
            {items}</ul>{Sidebar}</main>
            {Footer}
            </body></html>
            """;
        return LoopbackResponses.Html(html)(context);
    }
}
