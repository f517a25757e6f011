namespace NewsWatch.Core.Extraction;

/// <summary>
/// The time left for one page: a token that fires when the budget is spent (or the caller cancels), and
/// <see cref="Check"/> to call from every loop whose length follows the page.
/// </summary>
internal sealed class ExtractionBudget : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _budget;

    public ExtractionBudget(TimeSpan budget, TimeProvider timeProvider, CancellationToken caller)
    {
        _budget = budget;
        _caller = caller;
        _timeout = new CancellationTokenSource(budget, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, caller);
        if (budget == TimeSpan.Zero)
        {
            _timeout.Cancel();
        }
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
        _linked.Dispose();
        _timeout.Dispose();
    }
}
