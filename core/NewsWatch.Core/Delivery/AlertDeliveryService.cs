using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Delivers one alert message: one email per subscriber who wants the alert's rule, at least once and at most once
/// short of a crash. Per recipient the ledger goes <c>sending</c> → <c>sent</c> (or <c>failed</c> for a permanent
/// rejection); <c>sent</c> and <c>failed</c> are never tried again, <c>sending</c> (a crash between the send and its
/// record) is sent again. A transient failure of one recipient does not stop the others: every recipient is tried,
/// then <see cref="AlertDeliveryException"/> is thrown, so the redelivered message sends only to those still open.
/// </summary>
public sealed partial class AlertDeliveryService
{
    private readonly IAlertStore _alerts;
    private readonly INewsWatchConfigProvider _config;
    private readonly DeliveryLedger _ledger;
    private readonly AlertEmailComposer _composer;
    private readonly IEmailSender _sender;
    private readonly IOptions<SmtpOptions> _smtpOptions;
    private readonly ILogger<AlertDeliveryService> _logger;
    private readonly OptOutStore _optOuts;
    private readonly UnsubscribeTokens _unsubscribe;
    private readonly DigestInbox _inbox;
    private readonly DeliveryBudget _budget;
    private readonly IStateStore _state;
    private readonly TimeProvider _time;
    private readonly ChannelDispatcher _channels;

    public AlertDeliveryService(
        IAlertStore alerts,
        INewsWatchConfigProvider config,
        DeliveryLedger ledger,
        AlertEmailComposer composer,
        IEmailSender sender,
        IOptions<SmtpOptions> smtpOptions,
        ILogger<AlertDeliveryService> logger,
        OptOutStore optOuts,
        UnsubscribeTokens unsubscribe,
        DigestInbox inbox,
        DeliveryBudget budget,
        IStateStore state,
        TimeProvider time,
        ChannelDispatcher channels)
    {
        _channels = channels;
        _inbox = inbox;
        _budget = budget;
        _state = state;
        _time = time;
        _optOuts = optOuts;
        _unsubscribe = unsubscribe;
        _alerts = alerts;
        _config = config;
        _ledger = ledger;
        _composer = composer;
        _sender = sender;
        _smtpOptions = smtpOptions;
        _logger = logger;
    }

    /// <summary>
    /// Delivers <paramref name="message"/>. Throws <see cref="AlertNotFoundException"/> when its blob is missing,
    /// <see cref="ConfigException"/> when SMTP is not configured (and someone wants the alert), and
    /// <see cref="AlertDeliveryException"/> when some recipient must be retried.
    /// </summary>
    public Task<AlertDeliveryResult> DeliverAsync(AlertMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(message, attemptOwner: null, cancellationToken);

    /// <summary>
    /// Delivers <paramref name="message"/> as the attempt <paramref name="attemptOwner"/>: the queue message id, which a
    /// redelivery of the same message keeps (so a retry resends what its own crashed try left at <c>sending</c>, while
    /// a duplicate message never sends what another attempt is sending). A deferred copy's <see cref="AlertMessage.Owner"/>
    /// (the id of the message it was copied from) takes its place. Null: no owner; this call takes over any unfinished
    /// <c>sending</c> (at least once, without the guard against racing duplicates).
    /// </summary>
    public async Task<AlertDeliveryResult> DeliverAsync(AlertMessage message, string? attemptOwner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owner = message.OwnerFor(attemptOwner);
        var alert = await _alerts.GetAsync(message.BlobName, cancellationToken).ConfigureAwait(false)
                    ?? throw new AlertNotFoundException(message.AlertId, message.BlobName);
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        var recipients = config.Subscribers
            .Where(s => s.Wants(alert.RuleId))
            .DistinctBy(s => s.Email.Trim().ToLowerInvariant())
            .ToList();
        if (recipients.Count == 0)
        {
            LogNoSubscribers(_logger, alert.Id, alert.RuleId);
            return new AlertDeliveryResult(alert.Id, alert.RuleId, []);
        }

        // Only subscribers with an email channel need SMTP settings (a misconfiguration throws here, before any send).
        var smtp = recipients.Any(s => s.Channels.Any(c => c.Type == ChannelType.Email))
            ? SmtpSettingsResolver.Resolve(config.Smtp, _smtpOptions.Value)
            : null;
        var outcomes = new List<RecipientDelivery>(recipients.Count);
        Exception? firstRetry = null;
        var outage = true; // every retry so far waits for a receiver that could not be reached
        var mailServerDown = false;
        TimeSpan? retryAfter = null;
        foreach (var subscriber in recipients)
        {
            var recipient = subscriber.Email.Trim();
            var emailOptedOut = subscriber.Channels.Any(c => c.Type == ChannelType.Email)
                                && await _optOuts.IsOptedOutAsync(recipient, cancellationToken).ConfigureAwait(false);
            if (emailOptedOut && subscriber.Channels.All(c => c.Type == ChannelType.Email))
            {
                LogSkipped(_logger, alert.Id, alert.RuleId, recipient, "unsubscribed");
                outcomes.Add(new RecipientDelivery(recipient, RecipientOutcome.SkippedOptedOut, null));
                continue;
            }

            // The subscriber's record (alert id and address) says whether this subscriber is done with the alert; each
            // channel has its own record below, so a retry sends only on the channels still open.
            var (claim, record) = await _ledger.TryClaimAsync(alert.Id, recipient, owner, cancellationToken).ConfigureAwait(false);
            switch (claim)
            {
                case DeliveryClaim.AlreadySent:
                    LogSkipped(_logger, alert.Id, alert.RuleId, recipient, "sent");
                    outcomes.Add(new RecipientDelivery(recipient, RecipientOutcome.SkippedAlreadySent, null));
                    continue;
                case DeliveryClaim.AlreadyFailed:
                    LogSkipped(_logger, alert.Id, alert.RuleId, recipient, "failed");
                    outcomes.Add(new RecipientDelivery(recipient, RecipientOutcome.SkippedAlreadyFailed, record?.Reason));
                    continue;
                case DeliveryClaim.InFlightElsewhere:
                    // A duplicate of this message is being delivered by another attempt, which owns the send: if it
                    // fails, its own message comes back and resends. Sending here too would be the second email.
                    LogSkipped(_logger, alert.Id, alert.RuleId, recipient, "sending by another attempt");
                    outcomes.Add(new RecipientDelivery(recipient, RecipientOutcome.SkippedInFlight, null));
                    continue;
                case DeliveryClaim.Claimed when record is { State: DeliveryState.Sending }:
                    LogResending(_logger, alert.Id, alert.RuleId, recipient, record.At);
                    break;
            }

            // A retry of a message whose first try chose "now" keeps that choice: the budget is not spent twice and the
            // alert does not go to a digest after some channel already had it.
            var routeKey = DeliveryLedger.Key(alert.Id, recipient);
            // (A fresh claim, with no earlier record, had no earlier try: nothing to read.)
            if (record is null || !string.Equals(await _state.GetAsync(RoutesPartition, routeKey, cancellationToken).ConfigureAwait(false), RouteNow, StringComparison.Ordinal))
            {
                if (await RouteToDigestAsync(alert, message, subscriber, cancellationToken).ConfigureAwait(false) is { } routed)
                {
                    // Recorded as done for this alert: a redelivered message does not put it in the inbox twice.
                    await _ledger.MarkSentAsync(alert.Id, recipient, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(new RecipientDelivery(recipient, routed, null));
                    continue;
                }

                await _state.SetAsync(RoutesPartition, routeKey, RouteNow, cancellationToken).ConfigureAwait(false);
            }

            var content = ChannelContent.ForAlert(alert, subscriber.TimeZone);
            var parts = new List<RecipientDelivery>(subscriber.Channels.Count);
            foreach (var channel in subscriber.Channels)
            {
                if (channel.Type == ChannelType.Email && emailOptedOut)
                {
                    parts.Add(new RecipientDelivery(recipient, RecipientOutcome.SkippedOptedOut, null) { Channel = "email" });
                    continue;
                }

                var attempt = await _channels.DeliverAsync(
                    alert.Id,
                    recipient,
                    channel,
                    owner,
                    content,
                    async ct =>
                    {
                        using var email = _composer.Compose(alert, smtp!.From, recipient, _unsubscribe.UrlFor(recipient));
                        return await _sender.SendAsync(smtp!, email, ct).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
                var part = attempt.Delivery;
                parts.Add(part);
                switch (part.Outcome)
                {
                    case RecipientOutcome.Sent:
                        LogSent(_logger, alert.Id, alert.RuleId, alert.ArticleUrl, recipient, part.Channel!);
                        break;
                    case RecipientOutcome.Failed:
                        LogRejected(_logger, alert.Id, alert.RuleId, alert.ArticleUrl, recipient, part.Channel!, part.Reason!);
                        break;
                    case RecipientOutcome.Retry:
                        LogSendFailed(_logger, attempt.Error!, alert.Id, alert.RuleId, alert.ArticleUrl, recipient, part.Channel!);
                        firstRetry ??= attempt.Error;
                        outage &= DeliveryOutage.IsReceiverUnreachable(channel.Type, attempt.Error);
                        mailServerDown |= channel.Type == ChannelType.Email && DeliveryOutage.IsMailServerUnreachable(attempt.Error);
                        if (attempt.Error is ChannelUnavailableException { RetryAfter: { } asked } && !(retryAfter >= asked))
                        {
                            retryAfter = asked;
                        }
                        break;
                }
            }

            outcomes.AddRange(parts);
            if (parts.Any(p => p.Outcome == RecipientOutcome.Retry))
            {
                continue; // The subscriber's record stays at 'sending': the retry of this message serves the open channels.
            }

            if (parts.All(p => p.Outcome is RecipientOutcome.Failed or RecipientOutcome.SkippedAlreadyFailed or RecipientOutcome.SkippedOptedOut)
                && parts.Any(p => p.Outcome is RecipientOutcome.Failed or RecipientOutcome.SkippedAlreadyFailed))
            {
                var reason = string.Join("; ", parts.Where(p => p.Reason is not null).Select(p => p.Reason));
                await _ledger.MarkFailedAsync(alert.Id, recipient, reason, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _ledger.MarkSentAsync(alert.Id, recipient, cancellationToken).ConfigureAwait(false);
            }
        }

        var delivery = new AlertDeliveryResult(alert.Id, alert.RuleId, outcomes);
        if (firstRetry is not null)
        {
            throw new AlertDeliveryException(delivery, firstRetry, outage, mailServerDown) { RetryAfter = retryAfter };
        }

        return delivery;
    }

    /// <summary>
    /// Puts the alert in the subscriber's digest inbox instead of an instant email when the subscriber takes digests,
    /// when it joins a story the subscriber already got within <see cref="StoryWindow"/> ("also reported by" in the next
    /// digest), or when quiet hours or the hourly budget hold it. Returns the outcome, or null to send it now.
    /// </summary>
    private async Task<RecipientOutcome?> RouteToDigestAsync(Alert alert, AlertMessage message, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var address = subscriber.Email.Trim();
        var item = new DigestItem(alert.Id, message.BlobName, alert.RuleId, now, Held: false);
        if (subscriber.Delivery != DeliveryMode.Instant)
        {
            await _inbox.AddAsync(address, item, cancellationToken).ConfigureAwait(false);
            return RecipientOutcome.QueuedForDigest;
        }

        if (alert.StoryId is { Length: > 0 } storyId)
        {
            // Per subscriber and rule: the first article of the story goes out; later articles of it (other sites'
            // copies) fold. The same article again (a retry, a redelivered message) is not a later copy.
            var key = address.ToLowerInvariant() + "|" + alert.RuleId + "|" + storyId;
            var first = new StoryFirstSeen(now, alert.ArticleUrl);
            if (!await _state.TryAddJsonAsync(StoriesPartition, key, first, cancellationToken).ConfigureAwait(false) &&
                await _state.GetJsonAsync<StoryFirstSeen>(StoriesPartition, key, cancellationToken).ConfigureAwait(false) is { } seen &&
                now - seen.At <= StoryWindow &&
                !string.Equals(seen.ArticleUrl, alert.ArticleUrl, StringComparison.Ordinal))
            {
                await _inbox.AddAsync(address, item, cancellationToken).ConfigureAwait(false);
                return RecipientOutcome.FoldedIntoStory;
            }
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, subscriber.TimeZone).DateTime);
        if (subscriber.QuietHours?.Contains(local) == true || !await _budget.TryTakeAsync(address, subscriber.MaxPerHour, cancellationToken).ConfigureAwait(false))
        {
            await _inbox.AddAsync(address, item with { Held = true }, cancellationToken).ConfigureAwait(false);
            return RecipientOutcome.Held;
        }

        return null;
    }

    /// <summary>Alerts of one story within this time after the first go as "also reported by", not as instant emails.</summary>
    public static readonly TimeSpan StoryWindow = TimeSpan.FromHours(48);

    private const string StoriesPartition = "stories";

    /// <summary>Per alert and subscriber, the choice to deliver now (value <see cref="RouteNow"/>), kept for the retries.</summary>
    private const string RoutesPartition = "delivery-routes";

    private const string RouteNow = "now";

    internal sealed record StoryFirstSeen(DateTimeOffset At, string? ArticleUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} of rule {RuleId}: no subscriber wants the rule")]
    private static partial void LogNoSubscribers(ILogger logger, string alertId, string ruleId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} of rule {RuleId} to {Recipient} skipped: the ledger says {DeliveryState}")]
    private static partial void LogSkipped(ILogger logger, string alertId, string ruleId, string recipient, string deliveryState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId} to {Recipient} was left at 'sending' since {SendingSince}: sending it again")]
    private static partial void LogResending(ILogger logger, string alertId, string ruleId, string recipient, DateTimeOffset sendingSince);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) sent to {Recipient} by {Channel}")]
    private static partial void LogSent(ILogger logger, string alertId, string ruleId, string articleUrl, string recipient, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) refused for {Recipient} by {Channel}, recorded as failed: {Reason}")]
    private static partial void LogRejected(ILogger logger, string alertId, string ruleId, string articleUrl, string recipient, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) to {Recipient} by {Channel} failed; the message will be retried")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string alertId, string ruleId, string articleUrl, string recipient, string channel);
}
