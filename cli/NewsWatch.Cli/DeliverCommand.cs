using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Cli;

/// <summary>
/// <c>newswatch deliver --config FILE [--out DIR | --storage CONNECTION]</c>: drain the alerts queue by email, then send
/// the digests that are due (what SendAlertEmail and SendDigests do in Azure). While
/// storage is down it waits and retries with a bounded backoff (one line per outage), never exiting on that.
/// </summary>
internal static class DeliverCommand
{
    public static Command Create()
    {
        var storage = new StorageArguments();
        var command = new Command("deliver", "Email the alerts waiting on the alerts queue to their subscribers (what SendAlertEmail does in Azure).");
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!ScanCommand.TryLoadConfig(parse.GetValue(storage.Config)!, out _))
            {
                return ExitCodes.BadInput;
            }

            await using var provider = CliHost.Build(storage.Settings(parse));
            var outage = new StorageOutage(Console.Error, provider.GetRequiredService<TimeProvider>());
            try
            {
                return await outage.RunAsync(c => DeliverOnceAsync(provider, Console.Out, c), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.CouldNotRun;
            }
        });
        return command;
    }

    /// <summary>One drain of the queue; prints one summary line.</summary>
    internal static async Task<int> DeliverOnceAsync(IServiceProvider provider, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var result = await provider.GetRequiredService<AlertQueueDrainer>()
                .DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Alerts delivered: {result.Delivered}, emails sent: {result.EmailsSent}, recipients refused: {result.RecipientsFailed}, " +
                $"poisoned: {result.Poisoned}, left for retry: {result.LeftForRetry}" +
                (result.Deferred > 0 ? $", waiting for an unreachable receiver: {result.Deferred} (the mail server or a channel; no try was spent, run deliver again later)" : "")).ConfigureAwait(false);
            var digests = await provider.GetRequiredService<DigestService>().SendDueAsync(cancellationToken).ConfigureAwait(false);
            if (digests.Sent + digests.Failed > 0)
            {
                await output.WriteLineAsync($"Digests sent: {digests.Sent}, failed and still due: {digests.Failed}").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
