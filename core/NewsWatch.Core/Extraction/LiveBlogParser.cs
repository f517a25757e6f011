using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Reads a live blog's entries: from JSON-LD (<c>LiveBlogPosting.liveBlogUpdate</c>) and from the markup (a
/// run of sibling elements, each with its own id and a timestamp, each mostly its own prose rather than a
/// teaser linking elsewhere). Text outside the entries (headline, standfirst, key points) is never part of one.
/// </summary>
internal static class LiveBlogParser
{
    // Entries are read from a page already parsed within its budget, and each entry's text once: no budget of their own.
    private static readonly ExtractionBudget EntryBudget = ExtractionBudget.Unlimited();

    private const int MinMarkupEntries = 3;

    /// <summary>The longest time between a live blog's first and last entry in the markup.</summary>
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(7);

    private static readonly string[] CommentWords = ["comment", "reply", "replies", "review", "forum", "discussion", "kommentar", "commentaire", "comentario"];

    /// <summary>The element's own id (<c>id</c>, else a <c>data-*-id</c> attribute), or null.</summary>
    public static string? OwnId(IElement e)
    {
        if (e.Id is { Length: > 0 } id)
        {
            return id;
        }

        foreach (var attr in e.Attributes)
        {
            if (attr.Name.StartsWith("data-", StringComparison.Ordinal) && attr.Name.EndsWith("id", StringComparison.Ordinal) && attr.Value.Length > 0)
            {
                return attr.Value;
            }
        }

        return null;
    }

    /// <summary>The entries of the best run of timestamped elements in the markup (at least three), else empty.</summary>
    public static List<LiveBlogEntry> FromMarkup(PageSignals signals)
    {
        var best = new List<LiveBlogEntry>();
        foreach (var run in signals.TimedRuns)
        {
            if (run.Count < MinMarkupEntries || InComments(run[0].Entry.ParentElement))
            {
                continue;
            }

            var entries = new List<LiveBlogEntry>();
            foreach (var (entry, time) in run)
            {
                if (Parse(entry, time) is { } parsed)
                {
                    entries.Add(parsed);
                }
            }

            // Most of the run must be entries of their own, not teasers of other pages, with times that
            // lie within a few days of each other (a page of whole articles from months apart is no live blog).
            var times = entries.Where(e => e.Time is not null).Select(e => e.Time!.Value).ToList();
            var span = times.Count > 0 ? times.Max() - times.Min() : TimeSpan.Zero;
            if (entries.Count >= MinMarkupEntries && entries.Count * 5 >= run.Count * 3 && times.Count * 5 >= entries.Count * 3
                && span <= MaxSpan && entries.Count > best.Count)
            {
                best = entries;
            }
        }

        return best;
    }

    /// <summary>The entries named by JSON-LD <c>liveBlogUpdate</c>, and the posting's <c>coverageEndTime</c>.</summary>
    public static List<LiveBlogEntry> FromJsonLd(JsonElement posting, IDocument doc, out DateTimeOffset? coverageEnd)
    {
        coverageEnd = posting.TryGetProperty("coverageEndTime", out var end) && end.ValueKind == JsonValueKind.String
            ? MetadataReader.ParseDate(end.GetString())
            : null;
        var entries = new List<LiveBlogEntry>();
        if (!posting.TryGetProperty("liveBlogUpdate", out var updates))
        {
            return entries;
        }

        var items = updates.ValueKind == JsonValueKind.Array ? updates.EnumerateArray().ToList() : [updates];
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var anchor = Fragment(String(item, "url")) ?? Fragment(String(item, "@id"));
            var time = MetadataReader.ParseDate(String(item, "datePublished") ?? String(item, "dateCreated") ?? String(item, "dateModified"));
            var title = Clean(String(item, "headline") ?? String(item, "name"));
            var text = Clean(String(item, "articleBody") ?? String(item, "text") ?? String(item, "description"));
            if (string.IsNullOrEmpty(text) && anchor is not null && doc.GetElementById(anchor) is { } element)
            {
                text = Parse(element, null)?.Text;
            }

            if (string.IsNullOrEmpty(text) && string.IsNullOrEmpty(title))
            {
                continue;
            }

            text ??= string.Empty;
            var id = anchor ?? Clean(String(item, "@id")) ?? Hash(time, text);
            entries.Add(new LiveBlogEntry(id, anchor, time, title, text));
        }

        return entries;
    }

    /// <summary>
    /// Joins the two readings: the longer list is the base (page order), the other fills a missing time or
    /// title of the entry with the same anchor and adds the entries the base lacks.
    /// </summary>
    public static List<LiveBlogEntry> Merge(List<LiveBlogEntry> markup, List<LiveBlogEntry> jsonLd)
    {
        var (primary, secondary) = markup.Count >= jsonLd.Count ? (markup, jsonLd) : (jsonLd, markup);
        var byAnchor = new Dictionary<string, LiveBlogEntry>(StringComparer.Ordinal);
        foreach (var e in secondary)
        {
            if (e.Anchor is not null)
            {
                byAnchor.TryAdd(e.Anchor, e);
            }
        }

        var merged = new List<LiveBlogEntry>(primary.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in primary)
        {
            if (e.Anchor is not null && byAnchor.TryGetValue(e.Anchor, out var other))
            {
                used.Add(e.Anchor);
                merged.Add(e with
                {
                    Time = e.Time ?? other.Time,
                    Title = e.Title ?? other.Title,
                    Text = e.Text.Length > 0 ? e.Text : other.Text,
                });
            }
            else
            {
                merged.Add(e);
            }
        }

        var ids = new HashSet<string>(merged.Select(e => e.EntryId), StringComparer.Ordinal);
        foreach (var e in secondary)
        {
            if ((e.Anchor is null || !used.Contains(e.Anchor)) && ids.Add(e.EntryId) && e.Text.Length > 0)
            {
                merged.Add(e);
            }
        }

        return merged;
    }

    /// <summary>One entry element: null when it is a teaser (a heading linking elsewhere, mostly link text) or empty.</summary>
    private static LiveBlogEntry? Parse(IElement entry, IElement? time)
    {
        if (IsCommentLike(entry))
        {
            return null;
        }

        IElement? title = null;
        IElement? namedTitle = null;
        int text = 0, link = 0;
        var headingLinksOut = false;
        var stack = new Stack<(IElement Element, bool InLink, bool LinkOut, IElement? Heading)>();
        stack.Push((entry, false, false, null));
        while (stack.Count > 0)
        {
            var (e, inLink, linkOut, heading) = stack.Pop();
            if (e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                title ??= e;
                heading = e;
            }
            else if (namedTitle is null && e != entry && ClassAndId(e) is var names && (names.Contains("title", StringComparison.Ordinal) || names.Contains("headline", StringComparison.Ordinal)))
            {
                namedTitle = e;
            }

            if (e.LocalName == "a")
            {
                inLink = true;
                linkOut = e.GetAttribute("href") is { } href && !href.TrimStart().StartsWith('#') && href.Trim().Length > 0;
            }

            // A heading that links to another page (or sits inside such a link) is a teaser's headline or an author's name.
            headingLinksOut |= heading is not null && linkOut;

            foreach (var child in e.ChildNodes)
            {
                if (child is IText t)
                {
                    var n = t.Data.Count(c => !char.IsWhiteSpace(c));
                    text += n;
                    link += inLink ? n : 0;
                }
                else if (child is IElement ce)
                {
                    stack.Push((ce, inLink, linkOut, heading));
                }
            }
        }

        if (headingLinksOut || text < 20 || link * 2 > text)
        {
            return null;
        }

        if (title is null && namedTitle is not null && TextAssembler.Blocks([namedTitle], _ => false, EntryBudget) is [{ Length: <= 300 }])
        {
            title = namedTitle;
        }

        var titleText = title is null ? null : Clean(string.Join(' ', TextAssembler.Blocks([title], _ => false, EntryBudget)));
        var blocks = TextAssembler.Blocks([entry], e => e == title || e == time
            || e.LocalName is "time" or "figcaption" or "nav" or "aside" or "button" or "footer"
            || (e.LocalName == "a" && e.GetAttribute("href")?.TrimStart().StartsWith('#') == true)
            || ClassAndId(e) is var n && (n.Contains("share", StringComparison.Ordinal) || n.Contains("social", StringComparison.Ordinal)),
            EntryBudget);
        var body = string.Join("\n\n", blocks);
        if (body.Length == 0 && titleText is null)
        {
            return null;
        }

        var when = time is null ? null : MetadataReader.ParseDate(time.GetAttribute("datetime"));
        var anchor = entry.Id is { Length: > 0 } id ? id : null;
        return new LiveBlogEntry(OwnId(entry) ?? Hash(when, body), anchor, when, titleText, body);
    }

    /// <summary>Whether the element or one of its nearest ancestors is a comment or forum section.</summary>
    private static bool InComments(IElement? e)
    {
        for (var i = 0; e is not null && i < 5; i++, e = e.ParentElement)
        {
            if (IsCommentLike(e))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCommentLike(IElement? e)
        => e is not null && ClassAndId(e) is var names && CommentWords.Any(w => names.Contains(w, StringComparison.Ordinal));

    private static string ClassAndId(IElement e) => ((e.GetAttribute("class") ?? string.Empty) + " " + (e.Id ?? string.Empty)).ToLowerInvariant();

    /// <summary>A stable id for an entry without one: the first 8 bytes (hex) of SHA-256 over its time and text.</summary>
    public static string Hash(DateTimeOffset? time, string text)
    {
        var key = (time?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty) + "\n" + text;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
    }

    private static string? Fragment(string? url)
    {
        var i = url?.IndexOf('#', StringComparison.Ordinal) ?? -1;
        return i >= 0 && i < url!.Length - 1 ? Uri.UnescapeDataString(url[(i + 1)..]) : null;
    }

    private static string? String(JsonElement item, string name)
        => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Clean(string? s)
    {
        if (s is null)
        {
            return null;
        }

        var c = TextAssembler.CollapseWhitespace(s).Trim();
        return c.Length == 0 ? null : c;
    }
}
