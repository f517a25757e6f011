namespace NewsWatch.Core.Delivery;

/// <summary>Tells the config's <c>operators</c> about a source's health transition.</summary>
public interface IOperatorNotifier
{
    /// <summary>
    /// Emails every operator about <paramref name="notice"/>, once per source and transition (a repeated call sends
    /// nothing twice), exempt from quiet hours and budgets. Returns the emails sent by this call. A transient SMTP
    /// failure throws once the retries are spent; calling again later sends only what is still open.
    /// </summary>
    Task<int> NotifyAsync(OperatorNotice notice, CancellationToken cancellationToken);
}
