using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Configuration;

/// <summary>
/// Reads and checks <c>newswatch.json</c>. Every problem is collected and reported at once, each naming the
/// origin, the JSON path and the fix: an unknown field, a missing or duplicate id, a bad URL, a rule's syntax error.
/// </summary>
public static partial class NewsWatchConfigReader
{
    private static readonly string[] TopFields = ["sources", "rules", "subscribers", "smtp", "fetch", "operators"];
    private static readonly string[] SourceFields = ["id", "url", "kind", "linkPattern", "maxArticles", "backfillHours", "pageTypes"];
    private static readonly string[] RuleFields = ["id", "query", "language", "compounds"];
    private static readonly string[] SubscriberFields = ["email", "rules", "delivery", "timeZone", "at", "quietHours", "maxPerHour", "channels"];
    private static readonly string[] SmtpFields = ["host", "port", "tls", "user", "from"];
    private static readonly string[] FetchFields = ["userAgent", "maxInFlightPerHost", "minIntervalSeconds", "hosts"];
    private static readonly string[] HostFetchFields = ["maxInFlightPerHost", "minIntervalSeconds"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a config file; relative source URLs resolve against its folder.</summary>
    public static NewsWatchConfig LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        var json = ConfigFileText.Read(path, "config");
        return Parse(json, path, new Uri(Path.GetDirectoryName(full) + Path.DirectorySeparatorChar));
    }

    /// <summary>Parses and checks a config.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="origin">Where it came from, for messages (a path or a blob name).</param>
    /// <param name="baseDirectory">A file:// folder for relative source URLs; null allows only absolute http(s) URLs.</param>
    public static NewsWatchConfig Parse(string json, string origin, Uri? baseDirectory)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{origin}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        using (doc)
        {
            var errors = new List<string>();
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{origin}: the config must be a JSON object with \"sources\", \"rules\" and \"subscribers\".");
            }

            CheckFields(root, "", TopFields, errors);
            var sources = ReadSources(root, baseDirectory, errors);
            List<RuleDefinition> rules;
            if (root.TryGetProperty("rules", out var r) && r.ValueKind == JsonValueKind.Array)
            {
                rules = ReadRules(r, errors);
            }
            else
            {
                errors.Add("\"rules\" is missing or not an array: add \"rules\": [{\"id\": \"...\", \"query\": \"...\"}].");
                rules = [];
            }
            var subscribers = ReadSubscribers(root, rules, errors);
            var smtp = root.TryGetProperty("smtp", out var s) ? ReadSmtp(s, errors) : null;
            var fetch = root.TryGetProperty("fetch", out var f) ? ReadFetch(f, errors) : null;
            var operators = ReadOperators(root, errors);

            if (errors.Count > 0)
            {
                throw new ConfigException(Format(origin, errors));
            }

            return new NewsWatchConfig(sources, rules, subscribers, smtp, fetch) { Operators = operators };
        }
    }

    /// <summary>Reads a <c>rules</c> array and checks ids and syntax; throws with every problem.</summary>
    public static IReadOnlyList<RuleDefinition> ReadRules(JsonElement rules, string origin)
    {
        var errors = new List<string>();
        var result = ReadRules(rules, errors);
        if (errors.Count > 0)
        {
            throw new ConfigException(Format(origin, errors));
        }

        return result;
    }

    private static string Format(string origin, List<string> errors) =>
        errors.Count == 1
            ? $"{origin}: {errors[0]}"
            : $"{origin}: {errors.Count} problems:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}";

    private static List<Source> ReadSources(JsonElement root, Uri? baseDirectory, List<string> errors)
    {
        var result = new List<Source>();
        if (!root.TryGetProperty("sources", out var sources) || sources.ValueKind != JsonValueKind.Array)
        {
            errors.Add("\"sources\" is missing or not an array: add \"sources\": [{\"id\": \"...\", \"url\": \"...\", \"kind\": \"page\"}].");
            return result;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in sources.EnumerateArray())
        {
            var path = $"sources[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object.");
                continue;
            }

            CheckFields(item, path, SourceFields, errors);
            var id = RequiredId(item, path, ids, errors);
            var url = ReadString(item, "url", path, errors, required: true);
            var kindText = ReadString(item, "kind", path, errors, required: false) ?? "page";
            SourceKind kind;
            switch (kindText)
            {
                case "page": kind = SourceKind.Page; break;
                case "feed": kind = SourceKind.Feed; break;
                case "sitemap": kind = SourceKind.Sitemap; break;
                case "auto": kind = SourceKind.Auto; break;
                default:
                    errors.Add($"{path}.kind: '{kindText}' is not a kind: use \"page\", \"feed\", \"sitemap\" or \"auto\".");
                    kind = SourceKind.Page;
                    break;
            }

            var pattern = ReadString(item, "linkPattern", path, errors, required: false);
            if (pattern is not null && LinkPatternCheck.Problem(pattern) is { } problem)
            {
                errors.Add($"{path}.linkPattern: {problem}");
            }

            var maxArticles = (int)(ReadRanged(item, "maxArticles", path, 1, Source.MaxMaxArticles, whole: true, errors) ?? Source.DefaultMaxArticles);
            var backfill = ReadRanged(item, "backfillHours", path, 0, Source.MaxBackfillHours, whole: false, errors) ?? Source.DefaultBackfillHours;
            var pageTypes = ReadString(item, "pageTypes", path, errors, required: false) ?? "articles";
            if (pageTypes is not ("articles" or "any"))
            {
                errors.Add($"{path}.pageTypes: '{pageTypes}' is not a choice: use \"articles\" (the default: only article and live-blog pages are matched) or \"any\" (every page the source links to).");
            }

            var uri = url is null ? null : ResolveUrl(url, baseDirectory, $"{path}.url", errors);
            if (id is not null && uri is not null)
            {
                result.Add(new Source(id, uri, kind, pattern, maxArticles, backfill, pageTypes == "any"));
            }
        }

        return result;
    }

    /// <summary>A number field that must lie in [min, max] (and be whole when asked); null when absent or wrong (the error is added).</summary>
    private static double? ReadRanged(JsonElement item, string name, string path, double min, double max, bool whole, List<string> errors)
    {
        if (ReadNumber(item, name, path, errors) is not { } value)
        {
            return null;
        }

        if (double.IsNaN(value) || value < min || value > max || (whole && Math.Floor(value) != value))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}.{name}: {value} is out of range: use {(whole ? "a whole number" : "a number")} from {min} to {max}."));
            return null;
        }

        return value;
    }

    private static Uri? ResolveUrl(string url, Uri? baseDirectory, string path, List<string> errors)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "file" && !IsDrivelessRooted(url))
        {
            if (absolute.Scheme == "file" && baseDirectory is null)
            {
                errors.Add($"{path}: '{url}' is a file URL; here only http(s) URLs can be fetched.");
                return null;
            }

            if (absolute.Scheme != "file" && string.IsNullOrEmpty(absolute.Host))
            {
                errors.Add($"{path}: '{url}' has no host.");
                return null;
            }

            return absolute;
        }

        if (baseDirectory is null)
        {
            errors.Add($"{path}: '{url}' is not an absolute http(s) URL: write it as https://host/path.");
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out absolute) && absolute.Scheme is not ("http" or "https" or "file") && !IsDrivelessRooted(url))
        {
            errors.Add($"{path}: '{url}' uses the scheme '{absolute.Scheme}': use http, https, file, or a path relative to the config file.");
            return null;
        }

        try
        {
            return new Uri(baseDirectory, url);
        }
        catch (UriFormatException ex)
        {
            errors.Add($"{path}: '{url}' is neither a URL nor a path: {ex.Message}");
            return null;
        }
    }

    // On Linux "/x/y" parses as an absolute file URI; treat it as a path all the same.
    private static bool IsDrivelessRooted(string url) => url.StartsWith('/');

    private static List<RuleDefinition> ReadRules(JsonElement rules, List<string> errors)
    {
        var result = new List<RuleDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in rules.EnumerateArray())
        {
            var path = $"rules[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object {{\"id\", \"query\"}}.");
                continue;
            }

            CheckFields(item, path, RuleFields, errors);
            var id = RequiredId(item, path, ids, errors);
            var query = ReadString(item, "query", path, errors, required: true);
            if (id is null || query is null)
            {
                continue;
            }

            var language = ReadString(item, "language", path, errors, required: false);
            if (language is not null && !RuleLanguage.IsValidTag(language))
            {
                errors.Add($"{path}.language: '{language}' is not a BCP 47 language tag: write e.g. \"de\", \"fr\", \"uk\" or \"pt-BR\".");
                continue;
            }

            var compounds = true;
            if (item.TryGetProperty("compounds", out var compoundsValue))
            {
                if (compoundsValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}.compounds: must be true or false (false: \"ceasefire\" no longer finds \"cease-fire\" and \"cease fire\").");
                    continue;
                }

                compounds = compoundsValue.GetBoolean();
            }

            try
            {
                // Parse only, to report every rule's syntax error; the hosts compile the whole set once.
                var rule = new RuleDefinition(id, query, language, compounds);
                RuleParser.Check(rule);
                result.Add(rule);
            }
            catch (RuleSyntaxException ex)
            {
                errors.Add($"{path}.query: {ex.Message}");
            }
        }

        return result;
    }

    private static List<Subscriber> ReadSubscribers(JsonElement root, IReadOnlyList<RuleDefinition> rules, List<string> errors)
    {
        var result = new List<Subscriber>();
        if (!root.TryGetProperty("subscribers", out var subs))
        {
            return result;
        }

        if (subs.ValueKind != JsonValueKind.Array)
        {
            errors.Add("\"subscribers\" must be an array.");
            return result;
        }

        var ruleIds = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in subs.EnumerateArray())
        {
            var path = $"subscribers[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object {{\"email\", \"rules\"}}.");
                continue;
            }

            CheckFields(item, path, SubscriberFields, errors);
            var email = ReadString(item, "email", path, errors, required: true);
            if (email is not null && !IsEmail(email))
            {
                errors.Add($"{path}.email: '{email}' is not an email address.");
                email = null;
            }

            var wanted = new List<string>();
            if (!item.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{path}.rules: missing or not an array: list rule ids, or [\"*\"] for every rule.");
            }
            else
            {
                foreach (var ruleId in list.EnumerateArray())
                {
                    var value = ruleId.ValueKind == JsonValueKind.String ? ruleId.GetString()! : null;
                    if (value is null)
                    {
                        errors.Add($"{path}.rules: every entry must be a rule id string.");
                    }
                    else if (value != "*" && !ruleIds.Contains(value))
                    {
                        errors.Add($"{path}.rules: '{value}' is not the id of any rule.");
                    }
                    else
                    {
                        wanted.Add(value);
                    }
                }
            }

            if (email is not null)
            {
                result.Add(ReadDeliverySettings(item, path, new Subscriber(email, wanted), errors));
            }
        }

        return result;
    }

    private static SmtpSettings? ReadSmtp(JsonElement smtp, List<string> errors)
    {
        if (smtp.ValueKind != JsonValueKind.Object)
        {
            errors.Add("\"smtp\" must be an object {host, port, tls, user?, from}.");
            return null;
        }

        CheckFields(smtp, "smtp", SmtpFields, errors);
        var host = ReadString(smtp, "host", "smtp", errors, required: true);
        var port = ReadNumber(smtp, "port", "smtp", errors);
        if (port is null)
        {
            errors.Add("smtp.port: missing: give the SMTP server's port (25, 465, 587, or a test server's).");
        }
        else if (port < 1 || port > 65535 || port != Math.Floor(port.Value))
        {
            errors.Add($"smtp.port: {port} is not a TCP port.");
        }

        var tlsText = ReadString(smtp, "tls", "smtp", errors, required: false) ?? "starttls";
        SmtpTlsMode tls = SmtpTlsMode.StartTls;
        switch (tlsText)
        {
            case "none": tls = SmtpTlsMode.None; break;
            case "starttls": tls = SmtpTlsMode.StartTls; break;
            case "ssl": tls = SmtpTlsMode.Ssl; break;
            default: errors.Add($"smtp.tls: '{tlsText}' is not a mode: use \"none\", \"starttls\" or \"ssl\"."); break;
        }

        var user = ReadString(smtp, "user", "smtp", errors, required: false);
        var from = ReadString(smtp, "from", "smtp", errors, required: true);
        if (from is not null && !IsEmail(from))
        {
            errors.Add($"smtp.from: '{from}' is not an email address.");
        }

        return host is null || port is null || from is null ? null : new SmtpSettings(host, (int)port.Value, tls, user, from);
    }

    private static bool IsEmail(string value) =>
        !value.Contains('\r') && !value.Contains('\n') && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();

    private static FetchSettings? ReadFetch(JsonElement fetch, List<string> errors)
    {
        if (fetch.ValueKind != JsonValueKind.Object)
        {
            errors.Add("\"fetch\" must be an object {userAgent?, maxInFlightPerHost?, minIntervalSeconds?, hosts?}.");
            return null;
        }

        CheckFields(fetch, "fetch", FetchFields, errors);
        var userAgent = ReadString(fetch, "userAgent", "fetch", errors, required: false);
        if (userAgent is not null && (userAgent.Length > 300 || userAgent.Any(char.IsControl)))
        {
            errors.Add("fetch.userAgent: give one line of at most 300 characters.");
        }

        var (maxInFlight, interval) = ReadHostLimits(fetch, "fetch", errors);
        var hosts = new Dictionary<string, HostFetchSettings>(StringComparer.OrdinalIgnoreCase);
        if (fetch.TryGetProperty("hosts", out var hostsElement) && hostsElement.ValueKind != JsonValueKind.Null)
        {
            if (hostsElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("fetch.hosts must be an object {\"HOST\": {maxInFlightPerHost?, minIntervalSeconds?}}.");
            }
            else
            {
                foreach (var host in hostsElement.EnumerateObject())
                {
                    var path = $"fetch.hosts.{host.Name}";
                    if (host.Value.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"{path} must be an object {{maxInFlightPerHost?, minIntervalSeconds?}}.");
                        continue;
                    }

                    if (HostNameProblem(host.Name.Trim()) is { } problem)
                    {
                        errors.Add($"{path}: {problem}");
                    }

                    CheckFields(host.Value, path, HostFetchFields, errors);
                    var (hostMax, hostInterval) = ReadHostLimits(host.Value, path, errors);
                    hosts[host.Name.Trim()] = new HostFetchSettings(hostMax, hostInterval);
                }
            }
        }

        return new FetchSettings(userAgent, maxInFlight, interval, hosts);
    }

    /// <summary>
    /// Why <paramref name="key"/> cannot name a host as the fetcher looks hosts up (a URL's host, or its host:port),
    /// or null: a key that is a URL, or not a host at all, would silently never apply.
    /// </summary>
    private static string? HostNameProblem(string key)
    {
        var hasScheme = key.Contains("://", StringComparison.Ordinal);
        if (hasScheme || key.Contains('/', StringComparison.Ordinal))
        {
            var hint = Uri.TryCreate(hasScheme ? key : "http://" + key, UriKind.Absolute, out var url) && url.Host.Length > 0
                ? $" (here: \"{url.Authority}\")"
                : string.Empty;
            return $"'{key}' is not a host name: write the host alone, or host:port, as it appears in the sources' URLs{hint}.";
        }

        return Uri.TryCreate("http://" + key, UriKind.Absolute, out var parsed) && parsed.Host.Length > 0
            && (string.Equals(parsed.Authority, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals($"{parsed.Host}:{parsed.Port.ToString(CultureInfo.InvariantCulture)}", key, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"'{key}' is not a host name: write e.g. \"news.example.org\" or \"127.0.0.1:8080\".";
    }

    private static (int? MaxInFlight, double? Interval) ReadHostLimits(JsonElement item, string path, List<string> errors)
    {
        var maxInFlight = ReadNumber(item, "maxInFlightPerHost", path, errors);
        if (maxInFlight is { } m && (m < 1 || m > 64 || m != Math.Floor(m)))
        {
            errors.Add($"{path}.maxInFlightPerHost: {m} is not a whole number from 1 to 64.");
            maxInFlight = null;
        }

        var interval = ReadNumber(item, "minIntervalSeconds", path, errors);
        if (interval is { } i && (i < 0 || i > 300))
        {
            errors.Add($"{path}.minIntervalSeconds: {i} is not from 0 to 300 seconds.");
            interval = null;
        }

        return (maxInFlight is null ? null : (int)maxInFlight.Value, interval);
    }

    private static void CheckFields(JsonElement item, string path, string[] known, List<string> errors)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) >= 0)
            {
                continue;
            }

            var near = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            var where = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            errors.Add(near is not null
                ? $"{where}: unknown field '{property.Name}': did you mean '{near}'?"
                : $"{where}: unknown field '{property.Name}': the fields here are {string.Join(", ", known)}.");
        }
    }

    private static string? RequiredId(JsonElement item, string path, HashSet<string> ids, List<string> errors)
    {
        var id = ReadString(item, "id", path, errors, required: true);
        if (id is null)
        {
            return null;
        }

        if (id.Length == 0 || id.Length > 100 || id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            errors.Add($"{path}.id: '{id}' must be 1-100 characters without / \\ # ? or control characters.");
            return null;
        }

        if (!ids.Add(id))
        {
            errors.Add($"{path}.id: duplicate id '{id}': ids must be unique.");
            return null;
        }

        return id;
    }

    private static string? ReadString(JsonElement item, string name, string path, List<string> errors, bool required)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"{path}.{name}: missing.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.{name}: must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{path}.{name}: must not be empty.");
            return null;
        }

        return text;
    }

    private static double? ReadNumber(JsonElement item, string name, string path, List<string> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{path}.{name}: must be a number.");
            return null;
        }

        return value.GetDouble();
    }
}
