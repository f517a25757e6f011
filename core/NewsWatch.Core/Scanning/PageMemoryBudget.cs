using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// Bounds the memory that pages being parsed take at once in this process: a page waits until its estimate fits in
/// what is left of <see cref="ScanOptions.MemoryBudgetMB"/>. One page always runs, however large, so nothing waits forever.
/// Parsing is CPU work, so at most one page per core is parsed at once: more would only slow each down and hold up the
/// fetches' own continuations on the thread pool (and with them the spacing of requests at every host).
/// </summary>
public sealed class PageMemoryBudget
{
    private const long BytesPerChar = 60;
    private const long MinimumBytes = 8L * 1024 * 1024;

    private readonly long _capacity;
    private readonly int _maxRunning;
    private readonly object _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private long _inUse;
    private int _running;

    public PageMemoryBudget(IOptions<ScanOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.MemoryBudgetMB * 1024L * 1024L;
        _maxRunning = Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>The estimate for a page of <paramref name="chars"/> characters.</summary>
    public static long Estimate(int chars) => Math.Max(MinimumBytes, chars * BytesPerChar);

    /// <summary>Waits until a page of <paramref name="chars"/> characters fits; dispose the result when the page is done.</summary>
    public async Task<IDisposable> AcquireAsync(int chars, CancellationToken cancellationToken)
    {
        var bytes = Estimate(chars);
        LinkedListNode<(long, TaskCompletionSource)>? node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && Fits(bytes))
            {
                _inUse += bytes;
                _running++;
                return new Lease(this, bytes);
            }

            node = _waiting.AddLast((bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        try
        {
            await node.Value.Item2.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this, bytes);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    throw;
                }
            }

            Release(bytes); // Granted just as it was cancelled: give it back.
            throw;
        }
    }

    /// <summary>The number of pages that may be parsed at once (one per core).</summary>
    public int MaxRunning => _maxRunning;

    private bool Fits(long bytes) => _running == 0 || (_running < _maxRunning && _inUse + bytes <= _capacity);

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _inUse -= bytes;
            _running--;
            while (_waiting.First is { } first && Fits(first.Value.Bytes))
            {
                _waiting.RemoveFirst();
                _inUse += first.Value.Bytes;
                _running++;
                first.Value.Ready.TrySetResult();
            }
        }
    }

    private sealed class Lease(PageMemoryBudget budget, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
