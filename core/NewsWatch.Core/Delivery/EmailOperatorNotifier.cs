using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// <see cref="IOperatorNotifier"/> by email through the delivery ledger: the notice's ledger id is <c>op-</c> and a hash
/// of source, kind and time, so a repeated notice claims the same records and sends nothing twice.
/// </summary>
public sealed partial class EmailOperatorNotifier : IOperatorNotifier
{
    private readonly INewsWatchConfigProvider _config;
    private readonly DeliveryLedger _ledger;
    private readonly IEmailSender _sender;
    private readonly IOptions<SmtpOptions> _smtpOptions;
    private readonly OptOutStore _optOuts;
    private readonly TimeProvider _time;
    private readonly ILogger<EmailOperatorNotifier> _logger;

    public EmailOperatorNotifier(
        INewsWatchConfigProvider config,
        DeliveryLedger ledger,
        IEmailSender sender,
        IOptions<SmtpOptions> smtpOptions,
        OptOutStore optOuts,
        TimeProvider time,
        ILogger<EmailOperatorNotifier> logger)
    {
        _config = config;
        _ledger = ledger;
        _sender = sender;
        _smtpOptions = smtpOptions;
        _optOuts = optOuts;
        _time = time;
        _logger = logger;
    }

    /// <summary>The ledger id of a notice: <c>op-</c> + 16 hex digits of SHA-256 over source, kind and UTC time.</summary>
    public static string NoticeId(OperatorNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = notice.SourceId + "\n" + notice.Kind + "\n" + notice.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return "op-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    /// <inheritdoc />
    public async Task<int> NotifyAsync(OperatorNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        if (config.Operators.Count == 0)
        {
            return 0;
        }

        var smtp = SmtpSettingsResolver.Resolve(config.Smtp, _smtpOptions.Value);
        var id = NoticeId(notice);
        var owner = Guid.NewGuid().ToString("N");
        var sent = 0;
        Exception? firstFailure = null;
        foreach (var address in config.Operators)
        {
            if (await _optOuts.IsOptedOutAsync(address, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var (claim, _) = await _ledger.TryClaimAsync(id, address, owner, cancellationToken).ConfigureAwait(false);
            if (claim != DeliveryClaim.Claimed)
            {
                continue;
            }

            EmailSendResult result;
            try
            {
                using var email = Compose(notice, id, smtp.From, address);
                result = await _sender.SendAsync(smtp, email, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One operator's failure must not stop the others; the record stays 'sending' and the caller retries.
                LogFailed(_logger, ex, notice.SourceId, notice.Kind.ToString(), address);
                firstFailure ??= ex;
                continue;
            }

            if (result.Accepted)
            {
                await _ledger.MarkSentAsync(id, address, cancellationToken).ConfigureAwait(false);
                LogSent(_logger, notice.SourceId, notice.Kind.ToString(), address);
                sent++;
            }
            else
            {
                await _ledger.MarkFailedAsync(id, address, result.Reason ?? "rejected", cancellationToken).ConfigureAwait(false);
            }
        }

        if (firstFailure is not null)
        {
            throw new IOException($"The operator notice for source {notice.SourceId} could not be sent to every operator: {firstFailure.Message}", firstFailure);
        }

        return sent;
    }

    /// <summary>The email for one notice and operator: plain text and HTML, every value escaped, nothing page-supplied in a header unfiltered.</summary>
    public MimeMessage Compose(OperatorNotice notice, string noticeId, string from, string recipient)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var sender = MailboxAddress.Parse(from);
        var what = notice.Kind switch
        {
            OperatorNoticeKind.Failing => "is failing",
            OperatorNoticeKind.Quiet => "is quiet",
            _ => "has recovered",
        };
        var message = new MimeMessage
        {
            Subject = MailText.OneLine($"NewsWatch: source {MailText.OneLine(notice.SourceId, 100)} {what}", 160),
            Date = _time.GetUtcNow(),
            MessageId = AlertEmailComposer.MessageId(noticeId, recipient, sender.Domain),
        };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add("X-NewsWatch-Notice", notice.Kind.ToString().ToLowerInvariant());
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var time = notice.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"NewsWatch: source \"{MailText.OneLine(notice.SourceId)}\" {what}.\n\nSince:  {time}\nReason: {MailText.OneLine(notice.Reason)}\n\n" +
                   "-- \nYou get this email because your address is in the NewsWatch config's \"operators\".\n";
        var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n" +
                   "<body style=\"font-family: sans-serif; line-height: 1.4; overflow-wrap: anywhere\">\n" +
                   $"<p>NewsWatch: source <strong>{MailText.Escape(notice.SourceId)}</strong> {what}.</p>\n" +
                   $"<p>Since: {MailText.Escape(time)}<br>Reason: {MailText.Escape(notice.Reason)}</p>\n" +
                   "<p style=\"font-size: small\">You get this email because your address is in the NewsWatch config's &quot;operators&quot;.</p>\n</body></html>\n";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator notice: source {SourceId} {NoticeKind}, emailed to {Recipient}")]
    private static partial void LogSent(ILogger logger, string sourceId, string noticeKind, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator notice: source {SourceId} {NoticeKind} to {Recipient} failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string sourceId, string noticeKind, string recipient);
}
