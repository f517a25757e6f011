using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// One message (an alert or a digest) to one channel, through the delivery ledger: the record of the message id and the
/// channel's target (<see cref="Target"/>) is claimed (<c>sending</c>, conditional, so of two racing deliverers one
/// sends), the email is sent or the post made, then the record says <c>sent</c>, or <c>failed</c> with the reason of a
/// refusal for good. A transient failure leaves it at <c>sending</c> for the retry of the same message.
/// </summary>
public sealed class ChannelDispatcher
{
    private readonly DeliveryLedger _ledger;
    private readonly ChannelSender _sender;

    public ChannelDispatcher(DeliveryLedger ledger, ChannelSender sender)
    {
        _ledger = ledger;
        _sender = sender;
    }

    /// <summary>
    /// The ledger's recipient part for a channel: <c>email:{address}</c>, or the channel's <see cref="ChannelSettings.LedgerKey"/>
    /// (type and URL hash): subscribers who list the same URL share one post per alert.
    /// </summary>
    public static string Target(ChannelSettings channel, string address)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(address);
        return channel.Type == ChannelType.Email ? "email:" + address.Trim().ToLowerInvariant() : channel.LedgerKey;
    }

    /// <summary>
    /// Delivers message <paramref name="messageId"/> to <paramref name="channel"/> of <paramref name="address"/> as the
    /// attempt <paramref name="owner"/>: by <paramref name="sendEmail"/> for email, else a post of <paramref name="content"/>.
    /// </summary>
    public async Task<ChannelAttempt> DeliverAsync(
        string messageId,
        string address,
        ChannelSettings channel,
        string? owner,
        ChannelContent content,
        Func<CancellationToken, Task<EmailSendResult>> sendEmail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(sendEmail);
        var name = channel.Type == ChannelType.Email ? "email" : channel.LedgerKey;
        RecipientDelivery Outcome(RecipientOutcome outcome, string? reason) => new(address, outcome, reason) { Channel = name };

        var target = Target(channel, address);
        var (claim, record) = await _ledger.TryClaimAsync(messageId, target, owner, cancellationToken).ConfigureAwait(false);
        switch (claim)
        {
            case DeliveryClaim.AlreadySent:
                return new ChannelAttempt(Outcome(RecipientOutcome.SkippedAlreadySent, null), null);
            case DeliveryClaim.AlreadyFailed:
                return new ChannelAttempt(Outcome(RecipientOutcome.SkippedAlreadyFailed, record?.Reason), null);
            case DeliveryClaim.InFlightElsewhere:
                return new ChannelAttempt(Outcome(RecipientOutcome.SkippedInFlight, null), null);
        }

        bool accepted;
        string? reason;
        try
        {
            if (channel.Type == ChannelType.Email)
            {
                var result = await sendEmail(cancellationToken).ConfigureAwait(false);
                (accepted, reason) = (result.Accepted, result.Reason ?? "rejected by the SMTP server");
            }
            else
            {
                var result = await _sender.SendAsync(channel, content, cancellationToken).ConfigureAwait(false);
                (accepted, reason) = (result.Accepted, result.Reason ?? "refused by the receiver");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever stopped this channel (the sender already retried what was transient) must not stop the others; the
            // record stays at 'sending' and the caller has the message retried.
            return new ChannelAttempt(Outcome(RecipientOutcome.Retry, ex.Message), ex);
        }

        if (accepted)
        {
            await _ledger.MarkSentAsync(messageId, target, cancellationToken).ConfigureAwait(false);
            return new ChannelAttempt(Outcome(RecipientOutcome.Sent, null), null);
        }

        await _ledger.MarkFailedAsync(messageId, target, reason!, cancellationToken).ConfigureAwait(false);
        return new ChannelAttempt(Outcome(RecipientOutcome.Failed, reason), null);
    }
}
