using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NewsWatch.Core.Alerts;

/// <summary>Typed metadata lookup for options whose resolver is a source-generated context (no reflection, AOT-safe).</summary>
public static class JsonOptionsExtensions
{
    /// <summary>
    /// The metadata of <typeparamref name="T"/> under <paramref name="options"/>; throws
    /// <see cref="NotSupportedException"/> when the options' resolver does not know the type.
    /// </summary>
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
