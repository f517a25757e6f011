namespace NewsWatch.Core.Rules;

/// <summary>A term as parsed: what the user wrote and the folded words it stands for, in order.</summary>
/// <param name="Display">The term as written (a phrase without its quotes).</param>
/// <param name="Tokens">The folded words; several for a phrase or a hyphenated word.</param>
internal sealed record TermSpec(string Display, IReadOnlyList<TermToken> Tokens)
{
    /// <summary>A key equal for terms that match the same text.</summary>
    public string Key => string.Join(' ', Tokens.Select(t => t.Prefix ? t.Text + "*" : t.Text));
}
