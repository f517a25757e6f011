namespace NewsWatch.Core.Rules;

/// <summary>How a rule's terms are normalised: its language (BCP 47, or null) and whether compounds get variants.</summary>
/// <param name="Language">The rule's language tag, e.g. "de" or "pt-BR"; null folds case and accents only.</param>
/// <param name="Compounds">Whether a closed compound also matches its hyphenated and spaced spellings, and back.</param>
internal readonly record struct RuleOptions(string? Language, bool Compounds)
{
    /// <summary>No language, compounds on: the defaults of a rule.</summary>
    public static RuleOptions Default => new(null, true);

    /// <summary>The primary language subtag in lower case ("de" for "de-CH"), or an empty string.</summary>
    public string PrimaryLanguage => Language is null ? string.Empty : Language.Split('-')[0].ToLowerInvariant();

    /// <summary>The options of <paramref name="rule"/>.</summary>
    public static RuleOptions Of(RuleDefinition rule) => new(rule.Language, rule.Compounds);
}
