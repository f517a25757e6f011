namespace NewsWatch.Core.Rules;

/// <summary>One folded word of a query term; <paramref name="Prefix"/> when written with a trailing <c>*</c>.</summary>
internal readonly record struct TermToken(string Text, bool Prefix);
