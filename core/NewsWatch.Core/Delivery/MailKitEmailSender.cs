using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsWatch.Core.Configuration;
using Polly;
using Polly.Retry;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Sends through MailKit, one connection per email (alerts are few; a fresh connection never inherits a broken state).
/// Transient failures (connection refused or dropped, timeouts, 4xx replies such as 421 service not available) are retried by a
/// Polly pipeline with jittered exponential backoff on the injected <see cref="TimeProvider"/>, then thrown so that the
/// queue retries the message. A 5xx reply to RCPT TO or to the message data is a permanent rejection of that recipient:
/// it is returned, not thrown. A 5xx to MAIL FROM or a failed login is a misconfiguration: thrown at once, not retried.
/// </summary>
public sealed partial class MailKitEmailSender : IEmailSender
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _timeout;
    private readonly ILogger<MailKitEmailSender> _logger;

    public MailKitEmailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<MailKitEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeout = options.Value.Timeout;
        _logger = logger;
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.Value.MaxRetryAttempts),
            Delay = options.Value.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            OnRetry = args =>
            {
                LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "no exception");
                return ValueTask.CompletedTask;
            },
        };
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.Value.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        _pipeline = builder.Build();
    }

    /// <inheritdoc />
    public async Task<EmailSendResult> SendAsync(SmtpConnection smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.Sender.SendOnceAsync(state.Smtp, state.Message, ct).ConfigureAwait(false),
                (Sender: this, Smtp: smtp, Message: message),
                cancellationToken).ConfigureAwait(false);
            return EmailSendResult.Sent;
        }
        catch (SmtpCommandException ex) when (IsPermanentRejection(ex))
        {
            return EmailSendResult.Rejected((int)ex.StatusCode, $"{(int)ex.StatusCode} {ex.Message}".Trim());
        }
    }

    /// <summary>True for a failure another try may not have.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True for a 5xx reply that refuses this recipient or this email to it, for good.</summary>
    public static bool IsPermanentRejection(SmtpCommandException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (int)exception.StatusCode is >= 500 and < 600 &&
               exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
    }

    private async Task SendOnceAsync(SmtpConnection smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds };
        var security = smtp.Tls switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SocketException)
        {
            // The server accepted the email already; a failed QUIT must not make it go again.
            LogQuitFailed(_logger, smtp.Host, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP send failed transiently; try {Attempt} in {RetryDelay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan retryDelay, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP QUIT to {SmtpHost} failed after the email was accepted: {Reason}")]
    private static partial void LogQuitFailed(ILogger logger, string smtpHost, string reason);
}
