using System.Net.Sockets;
using MailKit.Net.Smtp;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery.Channels;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// A receiver that cannot be reached at all (the mail server, or a webhook, Teams or Slack receiver still failing after
/// the in-place retries) is an outage, not a fault of one alert. A try that meets one does not count against the
/// message (an outage longer than a message's few tries would otherwise poison every alert of it): the alert goes back
/// on the queue with a growing delay, keeping its attempt owner, until the receiver answers or
/// <see cref="OutageOptions.Limit"/> has passed since the outage began for it.
/// </summary>
public static class DeliveryOutage
{
    /// <summary>
    /// True when <paramref name="exception"/>, what a send on <paramref name="channel"/> threw after its in-place
    /// retries, says the receiver could not be reached or would not serve anyone. Email: connection refused or dropped,
    /// a network timeout, 421 service not available; a 4xx to one message (451, 452) and every 5xx are about that
    /// message. A post: <see cref="ChannelUnavailableException"/> (5xx, 429, network errors, a long Retry-After).
    /// </summary>
    public static bool IsReceiverUnreachable(ChannelType channel, Exception? exception) =>
        channel == ChannelType.Email ? IsMailServerUnreachable(exception) : exception is ChannelUnavailableException;

    /// <summary>The email half of <see cref="IsReceiverUnreachable"/>.</summary>
    public static bool IsMailServerUnreachable(Exception? exception) => exception switch
    {
        SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable,
        SmtpProtocolException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The copy of <paramref name="message"/> to put back on the queue, and after how long; null when the outage has
    /// lasted longer than <see cref="OutageOptions.Limit"/> for this alert (its tries count again).
    /// </summary>
    /// <param name="message">The message that was tried.</param>
    /// <param name="messageId">The queue message's id: the owner when the message has none yet.</param>
    /// <param name="now">Now.</param>
    /// <param name="options">The delay and the limit.</param>
    /// <param name="retryAfter">
    /// A pause a receiver asked for (<c>Retry-After</c>): the copy waits at least that long, at most the limit.
    /// </param>
    public static (AlertMessage Message, TimeSpan Delay)? Defer(AlertMessage message, string messageId, DateTimeOffset now, OutageOptions options, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var since = message.OutageSince ?? now;
        if (now - since > options.Limit)
        {
            return null;
        }

        var delay = DelayAfter(message.Deferrals, options.Delay, options.MaxDelay);
        if (retryAfter > delay)
        {
            delay = retryAfter.Value < options.Limit ? retryAfter.Value : options.Limit;
        }
        var copy = message with
        {
            Owner = message.OwnerFor(messageId),
            OutageSince = since,
            Deferrals = message.Deferrals + 1,
        };
        return (copy, delay);
    }

    /// <summary><paramref name="first"/> doubled per earlier deferral, at most <paramref name="max"/> (or <paramref name="first"/> when longer).</summary>
    public static TimeSpan DelayAfter(int deferrals, TimeSpan first, TimeSpan max)
    {
        if (first >= max)
        {
            return first;
        }

        var delay = first;
        for (var i = 0; i < deferrals && delay < max; i++)
        {
            delay += delay;
        }

        return delay < max ? delay : max;
    }
}
