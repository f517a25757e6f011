using System.Text.Json.Nodes;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// The body of a generic webhook post: <c>{"type": "alert", "id", "alert": {...}}</c> with the alert exactly as stored
/// (the README's "What an alert is"), or <c>{"type": "digest", "id", "held", "alerts": [...]}</c>. The same content
/// always gives the same bytes, so a receiver may deduplicate on <c>id</c> (also in the header <c>X-NewsWatch-Id</c>).
/// </summary>
internal static class WebhookPayload
{
    public static byte[] Build(ChannelContent content)
    {
        var root = new JsonObject
        {
            ["type"] = content.Kind,
            ["id"] = content.Id,
        };
        if (content.Kind == ChannelContent.AlertKind)
        {
            root["alert"] = ChannelJson.Alert(content.Alerts[0]);
        }
        else
        {
            root["held"] = content.Held;
            root["alerts"] = new JsonArray([.. content.Alerts.Select(ChannelJson.Alert)]);
        }

        return ChannelJson.Bytes(root);
    }
}
