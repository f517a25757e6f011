namespace NewsWatch.Core.Delivery;

/// <summary>What the SMTP server said about one email.</summary>
/// <param name="Accepted">True when the server took it.</param>
/// <param name="StatusCode">The SMTP reply code of a rejection (e.g. 550), or null.</param>
/// <param name="Reason">The server's reply to a rejection, or null.</param>
public sealed record EmailSendResult(bool Accepted, int? StatusCode, string? Reason)
{
    /// <summary>The server took the email.</summary>
    public static EmailSendResult Sent { get; } = new(true, null, null);

    /// <summary>The server refused the recipient (or this email to it) for good.</summary>
    public static EmailSendResult Rejected(int statusCode, string reason) => new(false, statusCode, reason);
}
