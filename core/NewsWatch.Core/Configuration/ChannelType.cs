namespace NewsWatch.Core.Configuration;

/// <summary>Where a subscriber's messages go.</summary>
public enum ChannelType
{
    /// <summary>An email to the subscriber's address.</summary>
    Email,

    /// <summary>A JSON POST, signed with HMAC-SHA256 of the body in <c>X-NewsWatch-Signature</c>.</summary>
    Webhook,

    /// <summary>A Microsoft Teams Workflows webhook (an Adaptive Card).</summary>
    Teams,

    /// <summary>A Slack incoming webhook (Block Kit).</summary>
    Slack,
}
