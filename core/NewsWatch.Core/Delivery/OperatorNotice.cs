namespace NewsWatch.Core.Delivery;

/// <summary>One health transition of one source, for <see cref="IOperatorNotifier"/>.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Kind">What it turned into.</param>
/// <param name="Reason">Why (the last failure's reason, "no new link since ...", ...).</param>
/// <param name="At">When the transition happened. It names the transition: the same source, kind and time notify once.</param>
public sealed record OperatorNotice(string SourceId, OperatorNoticeKind Kind, string Reason, DateTimeOffset At);
