using System.Text.Json.Serialization;

namespace NewsWatch.Core.Delivery;

/// <summary>Where one alert's email to one recipient stands (stored lower-case: <c>sending</c>, <c>sent</c>, <c>failed</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    /// <summary>A send started and its outcome was not recorded (in flight, or the process died): it is sent again.</summary>
    [JsonStringEnumMemberName("sending")]
    Sending,

    /// <summary>The SMTP server accepted the email: never sent again.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>The server refused the recipient for good: never tried again.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
