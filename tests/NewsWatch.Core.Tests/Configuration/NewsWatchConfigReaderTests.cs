using System.Text.Json;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Configuration;

public sealed class NewsWatchConfigReaderTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Configuration");

    public static TheoryData<string> InvalidConfigs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "invalid"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void LoadFile_ValidConfig_ReadsEveryField()
    {
        var config = NewsWatchConfigReader.LoadFile(Path.Combine(Folder, "valid.json"));

        Assert.Equal(["example-world", "example-feed", "local"], config.Sources.Select(s => s.Id));
        var world = config.Sources[0];
        Assert.Equal(new Source("example-world", new Uri("https://news.example.org/world/"), SourceKind.Page, "/world/\\d{4}/", 10, 48), world);
        Assert.Equal(SourceKind.Feed, config.Sources[1].Kind);
        Assert.Equal(Source.DefaultMaxArticles, config.Sources[1].MaxArticles);
        Assert.Equal(Source.DefaultBackfillHours, config.Sources[1].BackfillHours);
        Assert.Equal(new Uri(Path.Combine(Folder, "site", "index.html")), config.Sources[2].Url);
        Assert.Equal(["boots", "ceasefire"], config.Rules.Select(r => r.Id));
        Assert.True(config.Subscribers[0].Wants("boots"));
        Assert.False(config.Subscribers[1].Wants("boots"));
        Assert.True(config.Subscribers[1].Wants("ceasefire"));
        Assert.Equal(new SmtpSettings("smtp.example.org", 587, SmtpTlsMode.StartTls, "newswatch", "alerts@example.org"), config.Smtp);
    }

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void Parse_InvalidConfig_NamesTheFieldAndTheFix(string name)
    {
        var json = File.ReadAllText(Path.Combine(Folder, "invalid", name + ".json"));
        var expected = File.ReadAllText(Path.Combine(Folder, "invalid", name + ".error.txt")).Trim();

        var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.Parse(json, "newswatch.json", new Uri("file:///tmp/")));

        Assert.StartsWith("newswatch.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FetchSectionAndNewKinds_AreRead()
    {
        const string json = """
            {"sources":[{"id":"s","url":"https://x.example/sitemap.xml","kind":"sitemap"},{"id":"a","url":"https://x.example/","kind":"auto"}],
             "rules":[],
             "fetch":{"userAgent":"NewsWatch-Test/1","maxInFlightPerHost":1,"minIntervalSeconds":2.5,"hosts":{"slow.example":{"minIntervalSeconds":10}}}}
            """;

        var config = NewsWatchConfigReader.Parse(json, "cfg", null);

        Assert.Equal(SourceKind.Sitemap, config.Sources[0].Kind);
        Assert.Equal(SourceKind.Auto, config.Sources[1].Kind);
        Assert.NotNull(config.Fetch);
        Assert.Equal("NewsWatch-Test/1", config.Fetch.UserAgent);
        Assert.Equal(1, config.Fetch.MaxInFlightPerHost);
        Assert.Equal(2.5, config.Fetch.MinIntervalSeconds);
        Assert.Equal(new HostFetchSettings(null, 10), config.Fetch.Hosts["slow.example"]);
    }

    [Theory]
    [InlineData("https://news.example.org/", "fetch.hosts.https://news.example.org/: 'https://news.example.org/' is not a host name: write the host alone, or host:port, as it appears in the sources' URLs (here: \"news.example.org\").")]
    [InlineData("news.example.org/world", "fetch.hosts.news.example.org/world: 'news.example.org/world' is not a host name: write the host alone, or host:port, as it appears in the sources' URLs (here: \"news.example.org\").")]
    [InlineData("bad host!", "fetch.hosts.bad host!: 'bad host!' is not a host name: write e.g. \"news.example.org\" or \"127.0.0.1:8080\".")]
    [InlineData("news.example.org:99999", "fetch.hosts.news.example.org:99999: 'news.example.org:99999' is not a host name")]
    public void Parse_FetchHostThatIsNoHost_IsRefusedWithTheFix(string key, string expected)
    {
        var json = """{"sources":[],"rules":[],"fetch":{"hosts":{""" + JsonSerializer.Serialize(key) + """:{"minIntervalSeconds":5}}}}""";

        var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.Parse(json, "cfg", null));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news.example.org")]
    [InlineData("News.Example.org")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8443")]
    [InlineData("xn--bcher-kva.example")]
    public void Parse_FetchHostOrHostAndPort_IsRead(string key)
    {
        var json = """{"sources":[],"rules":[],"fetch":{"hosts":{""" + JsonSerializer.Serialize(key) + """:{"minIntervalSeconds":5}}}}""";

        var config = NewsWatchConfigReader.Parse(json, "cfg", null);

        Assert.Equal(new HostFetchSettings(null, 5), config.Fetch!.Hosts[key]);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        const string json = """{"sources":[{"id":"a","url":"https://x.example/","colour":"red"},{"url":"https://y.example/"}],"rules":[{"id":"r"}]}""";

        var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.Parse(json, "cfg", null));

        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sources[0].colour: unknown field 'colour'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sources[1].id: missing.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rules[0].query: missing.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutBaseDirectory_RefusesRelativeAndFileUrls()
    {
        const string json = """{"sources":[{"id":"a","url":"site/index.html"},{"id":"b","url":"file:///srv/x.html"}],"rules":[]}""";

        var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.Parse(json, "blob config/newswatch.json", null));

        Assert.Contains("sources[0].url: 'site/index.html' is not an absolute http(s) URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sources[1].url: 'file:///srv/x.html' is a file URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Missing_SaysWhichFile()
    {
        var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.LoadFile("/nonexistent/newswatch.json"));
        Assert.Equal("/nonexistent/newswatch.json: no such file: check the path of the config file.", ex.Message);
    }

    [Fact]
    public void LoadFile_AFolder_SaysItIsAFolderAndWhatToGive()
    {
        var folder = Directory.CreateTempSubdirectory("nw-config-").FullName;
        try
        {
            var ex = Assert.Throws<ConfigException>(() => NewsWatchConfigReader.LoadFile(folder));

            Assert.Equal($"{folder}: is a folder, not a file: give the path of the config file itself (e.g. {Path.Combine(folder, "newswatch.json")}).", ex.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void RulesFileLoad_AFolderOrAMissingFile_IsAConfigErrorNamingThePath()
    {
        var folder = Directory.CreateTempSubdirectory("nw-rules-").FullName;
        try
        {
            var ex = Assert.Throws<ConfigException>(() => RulesFile.Load(folder));
            Assert.StartsWith($"{folder}: is a folder, not a file: give the path of the rules file itself", ex.Message, StringComparison.Ordinal);

            var missing = Path.Combine(folder, "rules.json");
            ex = Assert.Throws<ConfigException>(() => RulesFile.Load(missing));
            Assert.Equal($"{missing}: no such file: check the path of the rules file.", ex.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
