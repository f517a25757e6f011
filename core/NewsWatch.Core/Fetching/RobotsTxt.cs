using System.Globalization;
using System.Text;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// One parsed robots.txt as RFC 9309 reads it, for one product token. Lines are <c>key: value</c> (a missing colon is
/// accepted, as Google's parser does), keys case-insensitive, <c>#</c> starts a comment. A group is one or more
/// <c>user-agent</c> lines followed by rules; every group naming the token is merged, else every <c>*</c> group; without
/// either, everything is allowed. A rule matches when its pattern (<c>*</c> any run, a final <c>$</c> the end) matches
/// the start of the URL's path and query; the longest matching pattern wins, <c>allow</c> on a tie.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>The product token NewsWatch obeys (falling back to <c>*</c>).</summary>
    public const string ProductToken = "NewsWatch";

    /// <summary>How much of a robots.txt is parsed (RFC 9309 asks for at least 500 KiB).</summary>
    public const int MaxParsedBytes = 512 * 1024;

    /// <summary>The longest crawl delay honoured.</summary>
    public static readonly TimeSpan MaxCrawlDelay = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<Rule> _rules;

    private RobotsTxt(IReadOnlyList<Rule> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    /// <summary>A robots.txt that allows everything (what a 4xx means).</summary>
    public static RobotsTxt AllowAll { get; } = new([], null, []);

    /// <summary>The <c>Crawl-delay</c> of the group in force, at most <see cref="MaxCrawlDelay"/>; null without one.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>The <c>Sitemap</c> URLs, as written (they belong to no group).</summary>
    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Parses <paramref name="content"/> for <paramref name="productToken"/>.</summary>
    public static RobotsTxt Parse(string content, string productToken = ProductToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var groups = new List<Group>();
        var sitemaps = new List<string>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var raw in content.TrimStart('\uFEFF').Split(['\n', '\r'], StringSplitOptions.None))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0 || !TrySplit(line, out var key, out var value))
            {
                continue;
            }

            switch (key)
            {
                case "user-agent":
                    if (!lastWasAgent || current is null)
                    {
                        current = new Group();
                        groups.Add(current);
                    }

                    current.Agents.Add(AgentToken(value));
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow":
                    // A rule before any user-agent line belongs to no group; an empty path is no rule.
                    if (current is not null && value.Length > 0)
                    {
                        current.Rules.Add(new Rule(Normalize(value), key == "allow"));
                    }

                    break;
                case "crawl-delay":
                    if (current is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        current.CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, MaxCrawlDelay.TotalSeconds));
                    }

                    break;
                case "sitemap":
                    if (value.Length > 0)
                    {
                        sitemaps.Add(value);
                    }

                    // A sitemap line is outside the groups: it neither ends nor starts one.
                    continue;
                default:
                    break;
            }

            lastWasAgent = false;
        }

        var matching = groups.Where(g => g.Agents.Any(a => a.Equals(productToken, StringComparison.OrdinalIgnoreCase))).ToList();
        if (matching.Count == 0)
        {
            matching = groups.Where(g => g.Agents.Contains("*")).ToList();
        }

        var rules = matching.SelectMany(g => g.Rules).ToList();
        var delay = matching.Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null);
        return new RobotsTxt(rules, delay, sitemaps);
    }

    /// <summary>True when <paramref name="url"/> may be fetched. <c>/robots.txt</c> itself always may.</summary>
    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsAllowed(url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString);
    }

    /// <summary>True when the path and query (percent-encoded as sent) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = Normalize(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }

        var best = -1;
        var allowed = true;
        foreach (var rule in _rules)
        {
            if (rule.Pattern.Length < best || !Matches(rule.Pattern, path))
            {
                continue;
            }

            if (rule.Pattern.Length > best)
            {
                best = rule.Pattern.Length;
                allowed = rule.Allow;
            }
            else
            {
                allowed |= rule.Allow;
            }
        }

        return allowed;
    }

    /// <summary>
    /// True when <paramref name="pattern"/> matches a prefix of <paramref name="path"/>: <c>*</c> is any run of
    /// characters, a final <c>$</c> anchors at the end. Every position the pattern can reach is tracked (no backtracking).
    /// </summary>
    internal static bool Matches(string pattern, string path)
    {
        var positions = new List<int>(path.Length + 1) { 0 };
        var next = new List<int>(path.Length + 1);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '$' && i == pattern.Length - 1)
            {
                return positions.Contains(path.Length);
            }

            next.Clear();
            if (c == '*')
            {
                for (var p = positions[0]; p <= path.Length; p++)
                {
                    next.Add(p);
                }
            }
            else
            {
                foreach (var p in positions)
                {
                    if (p < path.Length && path[p] == c)
                    {
                        next.Add(p + 1);
                    }
                }
            }

            if (next.Count == 0)
            {
                return false;
            }

            (positions, next) = (next, positions);
        }

        return true;
    }

    /// <summary>Percent-encodes non-ASCII characters as UTF-8 and upper-cases existing escapes, so both sides compare alike.</summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 2;
            }
            else if (c > 0x7E || c < 0x20)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                    ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool TrySplit(string line, out string key, out string value)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            // Google accepts "user-agent foo" without the colon.
            colon = line.IndexOfAny([' ', '\t']);
        }

        if (colon <= 0)
        {
            key = value = string.Empty;
            return false;
        }

        key = line[..colon].Trim().ToLowerInvariant();
        value = line[(colon + 1)..].Trim();
        key = key switch
        {
            "useragent" or "user agent" => "user-agent",
            "dissallow" or "dissalow" or "disalow" or "diasllow" or "disallaw" => "disallow",
            "site-map" => "sitemap",
            _ => key,
        };
        return true;
    }

    /// <summary>The product token of a user-agent line: its leading letters, '_' and '-' ("FooBot/1.2 (x)" is "FooBot").</summary>
    private static string AgentToken(string value)
    {
        if (value.StartsWith('*'))
        {
            return "*";
        }

        var end = 0;
        while (end < value.Length && (char.IsAsciiLetter(value[end]) || value[end] is '_' or '-'))
        {
            end++;
        }

        return value[..end];
    }

    private sealed record Rule(string Pattern, bool Allow);

    private sealed class Group
    {
        public List<string> Agents { get; } = [];

        public List<Rule> Rules { get; } = [];

        public TimeSpan? CrawlDelay { get; set; }
    }
}
