namespace NewsWatch.Core.Rules;

/// <summary>One folded word of a query term; <paramref name="Prefix"/> when written with a trailing <c>*</c>.</summary>
/// <param name="Text">The folded word.</param>
/// <param name="Prefix">Whether any word starting with <paramref name="Text"/> matches.</param>
/// <param name="Original">The word as written (for <c>case:</c> terms, compared ordinally with the text).</param>
/// <param name="HyphenNext">Whether the rule wrote this word joined to the next by a hyphen (<c>cease-fire</c>).</param>
internal readonly record struct TermToken(string Text, bool Prefix, string? Original = null, bool HyphenNext = false);
