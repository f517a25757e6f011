using System.Net.Sockets;
using Azure;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Tells a storage outage (Azure Storage unreachable or failing with 5xx/408/429, a network timeout, an I/O error of the
/// local folder) from everything else. A delivery that meets one stops and waits for storage instead of counting a
/// failed try against each message.
/// </summary>
public static class StorageFaults
{
    /// <summary>True for an error that storage coming back would cure.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        null => false,
        AlertDeliveryException or AlertNotFoundException or DigestDeliveryException => false,
        State.UnreadableStateException => false, // damaged data, not an outage: waiting would not mend it
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException => false,
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        OperationCanceledException => true, // an SDK network timeout; callers check their own cancellation apart
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };
}
