using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Tests.Configuration;

/// <summary>The delivery fields of a subscriber and the top-level <c>operators</c>, and the errors for each.</summary>
public sealed class SubscriberDeliveryConfigTests
{
    private static NewsWatchConfig Parse(string subscriber, string extra = "") => NewsWatchConfigReader.Parse($$"""
        {
          "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
          "rules": [{"id": "ceasefire", "query": "ceasefire"}],
          "subscribers": [{{subscriber}}]{{extra}}
        }
        """, "test.json", null);

    [Fact]
    public void Parse_EveryDeliveryField_IsRead()
    {
        var config = Parse("""
            {"email": "desk@example.org", "rules": ["*"], "delivery": "weekly", "timeZone": "Europe/Berlin", "at": "Tue 07:30",
             "quietHours": "22:00-07:00", "maxPerHour": 5,
             "channels": [{"type": "email"}, {"type": "webhook", "url": "https://hooks.example.org/nw", "secretSetting": "NEWSWATCH_WEBHOOK_SECRET"},
                          {"type": "teams", "url": "https://teams.example.org/wf"}, {"type": "slack", "url": "https://hooks.slack.example/x"}]}
            """, """, "operators": ["ops@example.org", "OPS@example.org", "night@example.org"]""");

        var s = Assert.Single(config.Subscribers);
        Assert.Equal(DeliveryMode.Weekly, s.Delivery);
        Assert.Equal("Europe/Berlin", s.TimeZone.Id);
        Assert.Equal(new DeliveryAt(DayOfWeek.Tuesday, new TimeOnly(7, 30)), s.At);
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)), s.QuietHours);
        Assert.Equal(5, s.MaxPerHour);
        Assert.Equal([ChannelType.Email, ChannelType.Webhook, ChannelType.Teams, ChannelType.Slack], s.Channels.Select(c => c.Type));
        Assert.Equal("NEWSWATCH_WEBHOOK_SECRET", s.Channels[1].SecretSetting);
        Assert.Equal(["ops@example.org", "night@example.org"], config.Operators);
    }

    [Fact]
    public void Parse_NoDeliveryFields_DefaultsToInstantEmailInUtc()
    {
        var s = Assert.Single(Parse("""{"email": "desk@example.org", "rules": ["*"]}""").Subscribers);

        Assert.Equal(DeliveryMode.Instant, s.Delivery);
        Assert.Equal(TimeZoneInfo.Utc, s.TimeZone);
        Assert.Null(s.At);
        Assert.Null(s.QuietHours);
        Assert.Equal(20, s.MaxPerHour);
        Assert.Equal([ChannelSettings.Email], s.Channels);
    }

    [Theory]
    [InlineData("\"delivery\": \"monthly\"", "subscribers[0].delivery: 'monthly' is not a mode")]
    [InlineData("\"timeZone\": \"Mars/Olympus\"", "subscribers[0].timeZone: 'Mars/Olympus' is not an IANA time zone id")]
    [InlineData("\"timeZone\": \"CET\"", "subscribers[0].timeZone: 'CET' is not an IANA time zone id")]
    [InlineData("\"delivery\": \"daily\", \"at\": \"25:00\"", "subscribers[0].at: '25:00' is not a time")]
    [InlineData("\"delivery\": \"weekly\", \"at\": \"08:00\"", "subscribers[0].at: weekly digests need a day")]
    [InlineData("\"delivery\": \"daily\", \"at\": \"Mon 08:00\"", "subscribers[0].at: daily digests take a time only")]
    [InlineData("\"at\": \"08:00\"", "subscribers[0].at: only daily and weekly digests have a time")]
    [InlineData("\"quietHours\": \"22:00\"", "subscribers[0].quietHours: '22:00' is not a window")]
    [InlineData("\"quietHours\": \"07:00-07:00\"", "subscribers[0].quietHours: '07:00-07:00' is not a window")]
    [InlineData("\"maxPerHour\": 0", "subscribers[0].maxPerHour: 0 is out of range: a whole number from 1 to 1000")]
    [InlineData("\"maxPerHour\": 2.5", "subscribers[0].maxPerHour: 2.5 is out of range")]
    [InlineData("\"quietHour\": \"22:00-07:00\"", "subscribers[0].quietHour: unknown field 'quietHour'")]
    [InlineData("\"channels\": []", "subscribers[0].channels: must be a non-empty array")]
    [InlineData("\"channels\": [{\"type\": \"fax\"}]", "subscribers[0].channels[0].type: 'fax' is not a channel")]
    [InlineData("\"channels\": [{\"type\": \"webhook\"}]", "subscribers[0].channels[0].url: missing")]
    [InlineData("\"channels\": [{\"type\": \"slack\", \"url\": \"ftp://x.example\"}]", "subscribers[0].channels[0].url: 'ftp://x.example' is not an http(s) URL")]
    [InlineData("\"channels\": [{\"type\": \"webhook\", \"url\": \"https://h.example\", \"secret\": \"x\"}]", "subscribers[0].channels[0].secret: unknown field 'secret'")]
    [InlineData("\"channels\": [{\"type\": \"teams\", \"url\": \"https://h.example\", \"secretSetting\": \"S\"}]", "subscribers[0].channels[0].secretSetting: only a webhook channel is signed")]
    public void Parse_BadDeliveryField_SaysWhereAndWhy(string field, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse("{\"email\": \"desk@example.org\", \"rules\": [\"*\"], " + field + "}"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"operators\": \"ops@example.org\"", "operators: must be an array")]
    [InlineData("\"operators\": [\"not an address\"]", "operators[0]: 'not an address' is not an email address")]
    [InlineData("\"operator\": []", "operator: unknown field 'operator'")]
    public void Parse_BadOperators_SaysWhereAndWhy(string field, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse("{\"email\": \"desk@example.org\", \"rules\": [\"*\"]}", ", " + field));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22:00-07:00", "23:30", true)]
    [InlineData("22:00-07:00", "06:59", true)]
    [InlineData("22:00-07:00", "07:00", false)]
    [InlineData("22:00-07:00", "12:00", false)]
    [InlineData("12:00-14:00", "13:00", true)]
    [InlineData("12:00-14:00", "14:00", false)]
    public void QuietHours_Contains_SpansMidnight(string window, string time, bool inside)
    {
        Assert.Equal(inside, QuietHours.TryParse(window)!.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
