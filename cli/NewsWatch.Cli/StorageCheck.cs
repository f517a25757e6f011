using Azure;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.State;

namespace NewsWatch.Cli;

/// <summary>Reads one state record before a run, so that unreachable storage is one clear error, not one per source.</summary>
internal static class StorageCheck
{
    public static async Task<bool> IsReachableAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await provider.GetRequiredService<IStateStore>().GetAsync(StatePartitions.Health, "storage-check", timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or UnauthorizedAccessException or HttpRequestException or AggregateException
                                       or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"The storage could not be reached: {ex.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Check --storage (\"UseDevelopmentStorage=true\" needs Azurite running) or use --out DIR for a local folder.").ConfigureAwait(false);
            return false;
        }
    }
}
