using MimeKit;

namespace NewsWatch.Core.Delivery;

/// <summary>Sends one email to its one recipient.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends <paramref name="message"/> through <paramref name="smtp"/>. A permanent rejection of the recipient comes back
    /// as <see cref="EmailSendResult.Accepted"/> false; a failure that a later try may not have (connection, timeout,
    /// a 4xx reply) throws once the retries are spent, and so does a misconfiguration (login, sender refused).
    /// </summary>
    Task<EmailSendResult> SendAsync(SmtpConnection smtp, MimeMessage message, CancellationToken cancellationToken);
}
