namespace NewsWatch.Core.Rules;

/// <summary>A user's keyword rule as written in the config.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Query">The query (see docs/rules.md).</param>
/// <param name="Language">A BCP 47 tag ("de", "nl", "fr", "uk", "ru", ...) for language-aware spelling variants; null folds case and accents only.</param>
/// <param name="Compounds">Whether a closed compound matches its hyphenated and spaced spellings and back (on by default; <c>"compounds": false</c> turns it off).</param>
public sealed record RuleDefinition(string Id, string Query, string? Language = null, bool Compounds = true);
