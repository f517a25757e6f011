namespace NewsWatch.Core.Alerts;

/// <summary>A received queue message. <see cref="Message"/> is null when the body is not a valid alert message.</summary>
/// <param name="MessageId">The queue's id for the message.</param>
/// <param name="PopReceipt">The receipt needed to delete it.</param>
/// <param name="DequeueCount">How many times it has been received, this time included.</param>
/// <param name="Body">The raw (decoded) body.</param>
/// <param name="Message">The parsed message, or null.</param>
public sealed record QueuedAlertMessage(string MessageId, string PopReceipt, long DequeueCount, string Body, AlertMessage? Message);
