using System.Net.Sockets;
using MailKit.Net.Smtp;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// The mail server cannot be reached at all: an outage, not a fault of one alert. A try that meets one does not count
/// against the message (a longer outage than a message's few tries would otherwise poison every alert of it): the
/// alert goes back on the queue with a growing delay, keeping its attempt owner, until the server answers or
/// <see cref="SmtpOptions.OutageLimit"/> has passed since the outage began for it.
/// </summary>
public static class MailOutage
{
    /// <summary>The longest wait between two tries of a deferred alert.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>
    /// True when <paramref name="exception"/> (what a send threw after its in-place retries) says the server could not be
    /// reached or would not serve anyone: connection refused or dropped, a network timeout, 421 service not available.
    /// A 4xx to one message (451, 452) and every 5xx are about that message, not an outage.
    /// </summary>
    public static bool IsServerUnreachable(Exception? exception) => exception switch
    {
        SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable,
        SmtpProtocolException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The copy of <paramref name="message"/> to put back on the queue, and after how long; null when the outage has
    /// lasted longer than <see cref="SmtpOptions.OutageLimit"/> for this alert (its tries count again).
    /// </summary>
    /// <param name="message">The message that was tried.</param>
    /// <param name="messageId">The queue message's id: the owner when the message has none yet.</param>
    /// <param name="now">Now.</param>
    /// <param name="options">The delay and the limit.</param>
    public static (AlertMessage Message, TimeSpan Delay)? Defer(AlertMessage message, string messageId, DateTimeOffset now, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var since = message.MailDownSince ?? now;
        if (now - since > options.OutageLimit)
        {
            return null;
        }

        var delay = DelayAfter(message.Deferrals, options.OutageDelay);
        var copy = message with
        {
            Owner = string.IsNullOrEmpty(message.Owner) ? messageId : message.Owner,
            MailDownSince = since,
            Deferrals = message.Deferrals + 1,
        };
        return (copy, delay);
    }

    /// <summary><paramref name="first"/> doubled per earlier deferral, at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan DelayAfter(int deferrals, TimeSpan first)
    {
        var delay = first;
        for (var i = 0; i < deferrals && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : (first > MaxDelay ? first : MaxDelay);
    }
}
