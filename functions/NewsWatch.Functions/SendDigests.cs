using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Functions;

/// <summary>On the schedule <c>NEWSWATCH_DIGEST_SCHEDULE</c> (default every 5 minutes): sends the digests that are due.</summary>
public sealed partial class SendDigests
{
    private readonly DigestService _digests;
    private readonly ILogger<SendDigests> _logger;

    public SendDigests(DigestService digests, ILogger<SendDigests> logger)
    {
        _digests = digests;
        _logger = logger;
    }

    [Function(nameof(SendDigests))]
    public async Task RunAsync([TimerTrigger("%NEWSWATCH_DIGEST_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var result = await _digests.SendDueAsync(cancellationToken).ConfigureAwait(false);
        LogRun(_logger, result.Sent, result.Failed, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digests sent: {DigestsSent}, failed and still due: {DigestsFailed} (timer past due: {IsPastDue})")]
    private static partial void LogRun(ILogger logger, int digestsSent, int digestsFailed, bool isPastDue);
}
