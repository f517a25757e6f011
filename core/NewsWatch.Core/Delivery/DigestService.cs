using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Sends the digests that are due (what <c>SendDigests</c> runs on its timer and <c>newswatch deliver</c> after the
/// queue). Per subscriber with waiting items and a due slot (<see cref="DigestSchedule"/>): the digest is recorded
/// first (its items, insert-if-absent under an id made of the address and slot), claimed in the delivery ledger,
/// sent, marked sent, and only then are its items taken out of the inbox. A crash anywhere repeats only the steps
/// after it; a second run in the same slot finds the ledger at <c>sent</c> and sends nothing. Empty digests are not sent.
/// </summary>
public sealed partial class DigestService
{
    /// <summary>The state partition of recorded digests.</summary>
    public const string Partition = "digests";

    private readonly INewsWatchConfigProvider _config;
    private readonly DigestInbox _inbox;
    private readonly IStateStore _state;
    private readonly IAlertStore _alerts;
    private readonly DeliveryLedger _ledger;
    private readonly DigestComposer _composer;
    private readonly IEmailSender _sender;
    private readonly IOptions<SmtpOptions> _smtpOptions;
    private readonly OptOutStore _optOuts;
    private readonly UnsubscribeTokens _unsubscribe;
    private readonly TimeProvider _time;
    private readonly ILogger<DigestService> _logger;
    private readonly ChannelDispatcher _channels;

    public DigestService(
        INewsWatchConfigProvider config,
        DigestInbox inbox,
        IStateStore state,
        IAlertStore alerts,
        DeliveryLedger ledger,
        DigestComposer composer,
        IEmailSender sender,
        IOptions<SmtpOptions> smtpOptions,
        OptOutStore optOuts,
        UnsubscribeTokens unsubscribe,
        TimeProvider time,
        ILogger<DigestService> logger,
        ChannelDispatcher channels)
    {
        _channels = channels;
        _config = config;
        _inbox = inbox;
        _state = state;
        _alerts = alerts;
        _ledger = ledger;
        _composer = composer;
        _sender = sender;
        _smtpOptions = smtpOptions;
        _optOuts = optOuts;
        _unsubscribe = unsubscribe;
        _time = time;
        _logger = logger;
    }

    /// <summary>The digest id of an address and slot: <c>digest-</c> + 16 hex digits.</summary>
    public static string DigestId(string address, string slotKey) =>
        "digest-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant() + "\n" + slotKey)).AsSpan(0, 8));

    /// <summary>Sends every digest due now.</summary>
    public async Task<DigestRunResult> SendDueAsync(CancellationToken cancellationToken)
    {
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        int sent = 0, failed = 0;
        foreach (var subscriber in config.Subscribers.DistinctBy(s => s.Email.Trim().ToLowerInvariant()))
        {
            try
            {
                if (await SendDueAsync(subscriber, config, cancellationToken).ConfigureAwait(false))
                {
                    sent++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !StorageFaults.IsOutage(ex))
            {
                // One subscriber's failed digest stays due for the next run; it must not stop the others.
                LogFailed(_logger, ex);
                failed++;
            }
        }

        return new DigestRunResult(sent, failed);
    }

    private async Task<bool> SendDueAsync(Subscriber subscriber, NewsWatchConfig config, CancellationToken cancellationToken)
    {
        var address = subscriber.Email.Trim();
        var waiting = await _inbox.GetAsync(address, cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return false;
        }

        var slot = DigestSchedule.Due(subscriber, _time.GetUtcNow());
        if (slot is null)
        {
            return false;
        }

        var id = DigestId(address, slot.Key);
        var fresh = new DigestRecord([.. waiting.Where(i => i.At < slot.Cutoff)], _time.GetUtcNow());
        if (fresh.Items.Count == 0 && await _state.GetAsync(Partition, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // Recorded before it is sent: a rerun of this slot sends exactly these items, never a second, different digest.
        if (fresh.Items.Count > 0)
        {
            await _state.TryAddJsonAsync(Partition, id, fresh, cancellationToken).ConfigureAwait(false);
        }

        var record = await _state.GetJsonAsync<DigestRecord>(Partition, id, cancellationToken).ConfigureAwait(false) ?? fresh;
        var ids = record.Items.Select(i => i.AlertId).ToHashSet(StringComparer.Ordinal);
        var emailOptedOut = subscriber.Channels.Any(c => c.Type == ChannelType.Email)
                            && await _optOuts.IsOptedOutAsync(address, cancellationToken).ConfigureAwait(false);
        if (emailOptedOut && subscriber.Channels.All(c => c.Type == ChannelType.Email))
        {
            await _inbox.RemoveAsync(address, ids, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var owner = id + "|" + Environment.ProcessId;
        var (claim, _) = await _ledger.TryClaimAsync(id, address, owner, cancellationToken).ConfigureAwait(false);
        if (claim is DeliveryClaim.AlreadySent or DeliveryClaim.AlreadyFailed)
        {
            await _inbox.RemoveAsync(address, ids, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (claim == DeliveryClaim.InFlightElsewhere)
        {
            return false;
        }

        var alerts = new List<Alert>();
        foreach (var item in record.Items)
        {
            if (await _alerts.GetAsync(item.BlobName, cancellationToken).ConfigureAwait(false) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        if (alerts.Count == 0)
        {
            await _ledger.MarkFailedAsync(id, address, "every alert of the digest is gone", cancellationToken).ConfigureAwait(false);
            await _inbox.RemoveAsync(address, ids, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var held = record.Items.Count(i => i.Held);
        var smtp = subscriber.Channels.Any(c => c.Type == ChannelType.Email) && !emailOptedOut
            ? SmtpSettingsResolver.Resolve(config.Smtp, _smtpOptions.Value)
            : null;
        var content = ChannelContent.ForDigest(id, alerts, held, subscriber.TimeZone);
        var attempts = new List<ChannelAttempt>(subscriber.Channels.Count);
        foreach (var channel in subscriber.Channels.Where(c => c.Type != ChannelType.Email || !emailOptedOut))
        {
            attempts.Add(await _channels.DeliverAsync(
                id,
                address,
                channel,
                owner,
                content,
                async ct =>
                {
                    using var email = _composer.Compose(id, alerts, held, subscriber, smtp!.From, _unsubscribe.UrlFor(address));
                    return await _sender.SendAsync(smtp, email, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false));
        }

        if (attempts.FirstOrDefault(a => a.Error is not null) is { } retry)
        {
            // The digest stays recorded, claimed and in the inbox: the next run sends it on the channels still open.
            throw new DigestDeliveryException(id, retry.Delivery.Channel ?? "email", retry.Error!);
        }

        var sent = attempts.Any(a => a.Delivery.Outcome is RecipientOutcome.Sent or RecipientOutcome.SkippedAlreadySent or RecipientOutcome.SkippedInFlight);
        if (sent)
        {
            await _ledger.MarkSentAsync(id, address, cancellationToken).ConfigureAwait(false);
            LogSent(_logger, id, slot.Key, alerts.Count);
        }
        else
        {
            var reason = string.Join("; ", attempts.Select(a => a.Delivery.Reason).Where(r => r is not null));
            await _ledger.MarkFailedAsync(id, address, reason.Length > 0 ? reason : "refused", cancellationToken).ConfigureAwait(false);
        }

        await _inbox.RemoveAsync(address, ids, cancellationToken).ConfigureAwait(false);
        return attempts.Any(a => a.Delivery.Outcome == RecipientOutcome.Sent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {DigestId} ({Slot}) sent with {AlertCount} alerts")]
    private static partial void LogSent(ILogger logger, string digestId, string slot, int alertCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A digest failed; it stays due and is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
