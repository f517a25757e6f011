using Microsoft.Extensions.Options;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>The process-wide gate on pages being parsed: memory, and one page per core.</summary>
public sealed class PageMemoryBudgetTests
{
    [Fact]
    public async Task AcquireAsync_MorePagesThanCores_TheNextWaitsForOneToFinish()
    {
        var budget = new PageMemoryBudget(Options.Create(new ScanOptions { MemoryBudgetMB = 65536 }));
        var leases = new List<IDisposable>();
        for (var i = 0; i < budget.MaxRunning; i++)
        {
            leases.Add(await budget.AcquireAsync(1000, CancellationToken.None));
        }

        var next = budget.AcquireAsync(1000, CancellationToken.None);
        Assert.False(next.IsCompleted);

        leases[0].Dispose();
        using (await next.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(Environment.ProcessorCount, budget.MaxRunning);
        }

        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_PageLargerThanTheBudget_RunsAlone()
    {
        var budget = new PageMemoryBudget(Options.Create(new ScanOptions { MemoryBudgetMB = 64 }));
        var small = await budget.AcquireAsync(1000, CancellationToken.None);

        var large = budget.AcquireAsync(10_000_000, CancellationToken.None);
        Assert.False(large.IsCompleted);

        small.Dispose();
        (await large.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
