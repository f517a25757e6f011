using System.Text.Json.Serialization;

namespace NewsWatch.Core.Configuration;

/// <summary>A subscriber's <c>delivery</c>: every alert at once, or one digest per hour, day or week.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryMode>))]
public enum DeliveryMode
{
    /// <summary><c>"instant"</c> (the default): one email per alert, as it is found (within quiet hours and the budget).</summary>
    [JsonStringEnumMemberName("instant")]
    Instant,

    /// <summary><c>"hourly"</c>: one digest at the top of each hour.</summary>
    [JsonStringEnumMemberName("hourly")]
    Hourly,

    /// <summary><c>"daily"</c>: one digest a day at <c>at</c> (default 08:00) in the subscriber's time zone.</summary>
    [JsonStringEnumMemberName("daily")]
    Daily,

    /// <summary><c>"weekly"</c>: one digest a week at <c>at</c> (default <c>Mon 08:00</c>) in the subscriber's time zone.</summary>
    [JsonStringEnumMemberName("weekly")]
    Weekly,
}
