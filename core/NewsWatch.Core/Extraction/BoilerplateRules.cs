using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>How news pages mark their furniture: tags, ARIA roles, and words in class and id.</summary>
internal static partial class BoilerplateRules
{
    /// <summary>Elements with less text than this may be furniture by the softer words (byline, date, caption).</summary>
    public const int SmallFurnitureLength = 400;

    /// <summary>How much of an attribute value the patterns look at.</summary>
    public const int MaxAttributeLength = 512;

    // Verdicts on single class/id words, per thread: words are short (longer ones are judged each time) and the set is bounded.
    private const int MaxCachedWords = 16_384;
    private const int MaxCachedWordLength = 64;

    [ThreadStatic]
    private static Dictionary<string, WordVerdict>? t_wordVerdicts;

    [Flags]
    private enum WordVerdict : byte
    {
        None = 0,
        Body = 1,
        Hard = 2,
        Comment = 4,
        Soft = 8,
    }

    /// <summary>Tags that never hold body text and are removed before anything else.</summary>
    public static readonly HashSet<string> JunkTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "link", "meta",
        "button", "select", "input", "textarea", "option", "title", "video", "audio", "map", "dialog", "rt", "rp",
    };

    private static readonly HashSet<string> InlineTags = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    };

    private static readonly HashSet<string> FurnitureTags = new(StringComparer.Ordinal)
    {
        "nav", "aside", "footer", "header", "menu",
    };

    private static readonly HashSet<string> FurnitureRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar",
    };

    /// <summary>True for phrasing elements that sit inside a sentence.</summary>
    public static bool IsInline(string tag) => InlineTags.Contains(tag);

    /// <summary>Whether the element itself is furniture by tag, role, visibility or comment markers (strong), or only by words in class or id.</summary>
    /// <param name="e">The element.</param>
    /// <param name="names">Its class and id as <see cref="ClassAndId"/> gives them.</param>
    /// <param name="stats">Its text measures.</param>
    /// <param name="cache">Verdicts by class/id string for this page (many elements share a class).</param>
    public static FurnitureKind Classify(IElement e, string names, NodeStats stats, Dictionary<(string Names, bool Small), FurnitureKind> cache)
    {
        var tag = e.LocalName;
        if (tag is "body" or "html" or "main")
        {
            return FurnitureKind.None;
        }

        if (FurnitureTags.Contains(tag))
        {
            return FurnitureKind.Strong;
        }

        if (e.GetAttribute("role") is { } role && FurnitureRoles.Contains(role.Trim()))
        {
            return FurnitureKind.Strong;
        }

        if (e.HasAttribute("hidden") || e.GetAttribute("aria-hidden") == "true")
        {
            return FurnitureKind.Strong;
        }

        if (e.GetAttribute("style") is { } style && HiddenStyle().IsMatch(Bounded(style)))
        {
            return FurnitureKind.Strong;
        }

        if (e.GetAttribute("itemprop") is { } itemprop && FurnitureItemprop().IsMatch(Bounded(itemprop)))
        {
            return FurnitureKind.Strong;
        }

        // An <article> carries taxonomy classes (author-x, tag-y, comments-open) that say nothing about it.
        if (tag == "article")
        {
            return FurnitureKind.None;
        }

        if (names.Length == 0)
        {
            return FurnitureKind.None;
        }

        // A heading's id made from its own words ("nav_nur_die_folie__1" on "Nur die Folie bleibt zurück") is an anchor
        // for a table of contents: its words say nothing about furniture, so only the class counts.
        if (tag is "h2" or "h3" or "h4" or "h5" or "h6" && IsSlugOfText(e))
        {
            names = ClassAndId(e.GetAttribute("class"), null);
            if (names.Length == 0)
            {
                return FurnitureKind.None;
            }
        }

        var key = (names, stats.TextLength < SmallFurnitureLength);
        if (!cache.TryGetValue(key, out var kind))
        {
            kind = ByNames(key.names, key.Item2);
            cache[key] = kind;
        }

        return kind;
    }

    /// <summary>True when the element's id holds two or more of the words of its own text (the first 200 characters).</summary>
    private static bool IsSlugOfText(IElement e)
    {
        if (e.GetAttribute("id") is not { Length: > 0 } id)
        {
            return false;
        }

        var idWords = NonWord().Split(Bounded(id).ToLowerInvariant()).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
        if (idWords.Count < 2)
        {
            return false;
        }

        var text = e.TextContent;
        text = text.Length > 200 ? text[..200] : text;
        return NonWord().Split(text.ToLowerInvariant()).Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal).Count(idWords.Contains) >= 2;
    }

    /// <summary>Furniture kind from class and id words alone, for a small or a large element.</summary>
    public static FurnitureKind ByNames(string names, bool small)
    {
        // Class words recur across elements and pages ("row", "share-button"): each is judged once per thread.
        var verdicts = t_wordVerdicts ??= [];
        if (verdicts.Count > MaxCachedWords)
        {
            verdicts.Clear();
        }

        var lookup = verdicts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in names.AsSpan().Split(' '))
        {
            var word = names.AsSpan(range);
            if (word.IsEmpty)
            {
                continue;
            }

            if (!lookup.TryGetValue(word, out var verdict))
            {
                var text = word.ToString();
                verdict = Judge(text);
                if (text.Length <= MaxCachedWordLength)
                {
                    verdicts[text] = verdict;
                }
            }

            if (verdict == WordVerdict.Body)
            {
                continue;
            }

            // Comments never hold the article; other words may name a layout wrapper around it, which
            // PageModel.IsInFurniture tells apart by how much of the wrapper's text the article holds.
            if ((verdict & WordVerdict.Hard) != 0)
            {
                return (verdict & WordVerdict.Comment) != 0 ? FurnitureKind.Strong : FurnitureKind.ByClass;
            }

            // Words that name small furniture (bylines, dates, captions) but also appear on wrappers.
            if (small && (verdict & WordVerdict.Soft) != 0)
            {
                return FurnitureKind.ByClass;
            }
        }

        return FurnitureKind.None;
    }

    private static WordVerdict Judge(string word)
    {
        // "entry-content-read-more" is the body with a modifier, not a read-more box (BEM style).
        // Embedded posts (tweets, Instagram) are quoted in the body: "social-media-embed" is content.
        if (BodyPrefix().IsMatch(word) || SocialEmbed().IsMatch(word))
        {
            return WordVerdict.Body;
        }

        var verdict = WordVerdict.None;
        if (HardFurniture().IsMatch(word))
        {
            verdict |= Comment().IsMatch(word) ? WordVerdict.Hard | WordVerdict.Comment : WordVerdict.Hard;
        }

        return SoftFurniture().IsMatch(word) ? verdict | WordVerdict.Soft : verdict;
    }

    /// <summary>Class and id, lower-cased, space separated, with camelCase split into words.</summary>
    public static string ClassAndId(string? cls, string? id)
    {
        if (string.IsNullOrEmpty(cls) && string.IsNullOrEmpty(id))
        {
            return string.Empty;
        }

        // Patterns run over these names: a megabyte-long class attribute must not cost more than a normal one.
        var joined = string.Concat(Bounded(cls), " ", Bounded(id));
        return CamelHump().Replace(joined, "$1-$2").ToLowerInvariant();
    }

    /// <summary>An attribute value cut to the length patterns are run on (real class, id and style values are far shorter).</summary>
    public static string Bounded(string? value) => value is null ? string.Empty : value.Length <= MaxAttributeLength ? value : value[..MaxAttributeLength];

    /// <summary>Class or id words that mark the article body itself.</summary>
    [GeneratedRegex(
        @"(?<![a-z0-9])(article-?body|article-?content|article-?text|articletext|article__body|article__content|article__text|entry-content|entry-body|post-content|post-body|post-entry|postbody|story-?body|story-content|story-text|storytext|body-text|bodytext|content-body|article-body-text|text-body|rich-text|richtext|body-copy|article-copy|main-text|news-text|news-body|news-content|articlebody|post-text|single-content)(?![a-z0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex BodyMarker();

    [GeneratedRegex(@"^(article-?body|article-?content|article__body|article__content|entry-content|entry-body|post-content|post-body|story-?body|story-content|content-body|body-text|main-content|content)", RegexOptions.CultureInvariant)]
    private static partial Regex BodyPrefix();

    [GeneratedRegex(@"(?<![a-z0-9])(comment|comments|disqus)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?!.*(caption|credit)).*(social|tweet|twitter|instagram|facebook|tiktok|youtube).*embed|embed.*(social|tweet|twitter|instagram|facebook|tiktok|youtube)", RegexOptions.CultureInvariant)]
    private static partial Regex SocialEmbed();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"^(author|creator|publisher|comment|keywords|datePublished|dateModified)$", RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureItemprop();

    [GeneratedRegex(@"([a-z])([A-Z])")]
    private static partial Regex CamelHump();

    [GeneratedRegex(
        @"(?<![a-z0-9])(share|shares|sharing|social|sociable|newsletter|newsletters|subscribe|subscription|signup|sign-up|related|popular|most-read|mostread|most-popular|trending|recommended|recommendations|outbrain|taboola|consent|cookie|cookies|gdpr|comment|comments|disqus|sidebar|side-bar|breadcrumb|breadcrumbs|pagination|pager|nav|navbar|navigation|menu|masthead|site-header|site-footer|footer|ad|ads|adv|advert|adverts|advertisement|advertising|ad-slot|adslot|ad-container|dfp|gpt-ad|sponsor|sponsored|promo|promos|promotion|cta|call-to-action|donate|donation|banner|paywall|modal|popup|overlay|skip-link|skiplink|sr-only|visually-hidden|screen-reader-text|print-only|more-stories|read-more|readmore|read-next|up-next|also-read|see-also|tags|tag-list|taglist|keywords|topics|author-bio|author-box|author-info|bio|toolbar|tools|follow|print|jump-link|lightbox|gallery|carousel|slideshow|video-player|disclaimer|disclosure|affiliate|affiliate-text|postmetadata|post-meta-data|post-ratings|news-letter)(?![a-z0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex HardFurniture();

    [GeneratedRegex(
        @"(?<![a-z0-9])(byline|by-line|author|authors|dateline|date|time|timestamp|published|updated|meta|caption|credit|credits|figcaption|photo-credit|kicker|eyebrow|category|categories|label|source)(?![a-z0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SoftFurniture();

    /// <summary>Runs of characters that are neither letters nor digits: what words are split at.</summary>
    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    public static partial Regex NonWord();
}
