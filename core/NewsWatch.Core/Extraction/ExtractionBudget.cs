namespace NewsWatch.Core.Extraction;

/// <summary>
/// The time left for one page: a token that fires when the budget is spent (or the caller cancels), and
/// <see cref="Check"/> to call from every loop whose length follows the page. The budget counts the CPU time of
/// the extracting thread where the platform can read it (so a busy machine does not make a normal page too
/// complex), with a hard stop at <see cref="WallFactor"/> times the budget in wall-clock time; elsewhere it
/// counts wall-clock time.
/// </summary>
internal sealed class ExtractionBudget : IDisposable
{
    /// <summary>How many times its budget a page may take in wall-clock time while its CPU time is within budget.</summary>
    public const int WallFactor = 4;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _spent = new();
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _budget;
    private readonly TimeProvider _timeProvider;
    private readonly long _start;
    private readonly ThreadCpuClock? _cpu;
    private readonly TimeSpan _cpuStart;
    private readonly ITimer? _timer;

    public ExtractionBudget(TimeSpan budget, TimeProvider timeProvider, CancellationToken caller)
    {
        _budget = budget;
        _caller = caller;
        _timeProvider = timeProvider;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_spent.Token, caller);
        if (budget == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (budget <= TimeSpan.Zero)
        {
            _spent.Cancel();
            return;
        }

        _start = timeProvider.GetTimestamp();
        _cpu = ThreadCpuClock.ForCurrentThread();
        _cpuStart = _cpu?.Now() ?? TimeSpan.Zero;
        _timer = timeProvider.CreateTimer(_ => Watch(), null, Tick, Tick);
    }

    /// <summary>Fires when the budget is spent or the caller cancels.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>A budget that never runs out (for internal callers that have no page limits).</summary>
    public static ExtractionBudget Unlimited() => new(Timeout.InfiniteTimeSpan, TimeProvider.System, CancellationToken.None);

    /// <summary>Throws when the caller cancelled (<see cref="OperationCanceledException"/>) or the budget is spent (<see cref="PageTooComplexException"/>).</summary>
    public void Check()
    {
        if (_linked.IsCancellationRequested)
        {
            Throw();
        }
    }

    /// <summary>Throws the exception for the reason the token fired.</summary>
    public void Throw()
    {
        _caller.ThrowIfCancellationRequested();
        throw new PageTooComplexException($"extraction took longer than its budget of {_budget.TotalSeconds:0.#} s");
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _linked.Dispose();
        _spent.Dispose();
    }

    private void Watch()
    {
        var wall = _timeProvider.GetElapsedTime(_start);
        var spent = _cpu is not null && _cpu.Now() is { } cpuNow
            ? cpuNow - _cpuStart > _budget || wall > _budget * WallFactor
            : wall > _budget;
        if (spent)
        {
            try
            {
                _spent.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The page finished while the timer fired.
            }
        }
    }
}
