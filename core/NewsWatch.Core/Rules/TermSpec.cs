namespace NewsWatch.Core.Rules;

/// <summary>A term as parsed: what the user wrote and the folded words it stands for, in order.</summary>
/// <param name="Display">The term as written (a phrase without its quotes).</param>
/// <param name="Tokens">The folded words; several for a phrase or a hyphenated word.</param>
internal sealed record TermSpec(string Display, IReadOnlyList<TermToken> Tokens)
{
    /// <summary>Other spellings that count as this term (compounds, language transcriptions); the first is <see cref="Tokens"/>.</summary>
    public IReadOnlyList<IReadOnlyList<TermToken>> Variants { get; init; } = [Tokens];

    /// <summary>Whether the term must match with exact case and accents (<c>case:</c>).</summary>
    public bool CaseSensitive { get; init; }

    /// <summary>A key for the words as folded (without variants), for display and tests.</summary>
    public string Key => KeyOf(Tokens);

    /// <summary>A key equal for terms that match the same text.</summary>
    public string MatchKey => (CaseSensitive ? "case:" + string.Join(' ', Tokens.Select(t => t.Original)) + "|" : string.Empty)
        + string.Join('|', Variants.Select(KeyOf));

    private static string KeyOf(IReadOnlyList<TermToken> tokens) => string.Join(' ', tokens.Select(t => t.Prefix ? t.Text + "*" : t.Text));
}
