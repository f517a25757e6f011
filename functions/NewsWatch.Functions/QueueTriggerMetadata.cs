using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace NewsWatch.Functions;

/// <summary>Reads the queue trigger's metadata from the invocation's binding data.</summary>
internal static class QueueTriggerMetadata
{
    /// <summary>
    /// The message's <c>DequeueCount</c> (this try included), or null when the host did not send it. The host sends
    /// binding data as strings or JSON; both are read, so no parameter binding can fail the invocation over it.
    /// </summary>
    public static long? DequeueCount(FunctionContext context)
    {
        if (!context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            long l => l,
            int i => i,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
            JsonElement { ValueKind: JsonValueKind.String } e when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        };
    }

    /// <summary>The queue message's <c>Id</c> (kept across redeliveries of that message), or null when the host did not send it.</summary>
    public static string? MessageId(FunctionContext context)
    {
        if (!context.BindingContext.BindingData.TryGetValue("Id", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string s => s.Trim('"'),
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => value.ToString(),
        };
    }
}
