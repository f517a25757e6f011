namespace NewsWatch.Core.Delivery;

/// <summary>What one <see cref="AlertQueueDrainer.DrainAsync"/> did.</summary>
/// <param name="Delivered">Messages handled and deleted from the queue.</param>
/// <param name="EmailsSent">Emails the SMTP server accepted.</param>
/// <param name="RecipientsFailed">Recipients refused for good (recorded as failed).</param>
/// <param name="Poisoned">Messages moved to the poison queue.</param>
/// <param name="LeftForRetry">Messages that failed and stay on the queue for a later drain.</param>
/// <param name="Deferred">Messages put back for an unreachable receiver (mail server, channel), no try spent (the drain stopped there).</param>
public sealed record DrainResult(int Delivered, int EmailsSent, int RecipientsFailed, int Poisoned, int LeftForRetry, int Deferred = 0);
