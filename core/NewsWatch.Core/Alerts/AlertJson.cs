using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NewsWatch.Core.Alerts;

/// <summary>JSON of alerts and alert messages as the storage contract fixes it (camelCase, UTC times ending in Z).</summary>
public static class AlertJson
{
    /// <summary>The options every NewsWatch contract type is written with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises an alert blob.</summary>
    public static string Serialize(Alert alert) => JsonSerializer.Serialize(alert, TypeInfo<Alert>());

    /// <summary>Serialises a queue message (plain JSON; the queue client Base64-encodes it).</summary>
    public static string Serialize(AlertMessage message) => JsonSerializer.Serialize(message, TypeInfo<AlertMessage>());

    /// <summary>Reads an alert blob; throws <see cref="JsonException"/> when it is not one.</summary>
    public static Alert DeserializeAlert(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<Alert>()) ?? throw new JsonException("The alert JSON is null.");

    /// <summary>Reads a queue message; throws <see cref="JsonException"/> when it is not one.</summary>
    public static AlertMessage DeserializeMessage(string json)
    {
        var message = JsonSerializer.Deserialize(json, TypeInfo<AlertMessage>()) ?? throw new JsonException("The alert message is null.");
        if (string.IsNullOrEmpty(message.AlertId) || string.IsNullOrEmpty(message.BlobName))
        {
            throw new JsonException("The alert message has no alertId or blobName.");
        }

        return message;
    }

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/> (a type of <see cref="ContractJsonContext"/>).</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>() => Options.TypeInfo<T>();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            TypeInfoResolver = ContractJsonContext.Default,
        };
        options.Converters.Add(new UtcTimeConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Writes <c>2026-11-25T09:30:00Z</c> (fractions only when present); reads any ISO 8601 offset.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            var utc = value.UtcDateTime;
            var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            writer.WriteStringValue(utc.ToString(format, CultureInfo.InvariantCulture));
        }
    }
}
