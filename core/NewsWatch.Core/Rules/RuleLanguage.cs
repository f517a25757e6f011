using System.Text.RegularExpressions;

namespace NewsWatch.Core.Rules;

/// <summary>Checks a rule's <c>language</c>: a BCP 47 tag such as "de", "fr-CH" or "sr-Latn".</summary>
public static partial class RuleLanguage
{
    /// <summary>Whether <paramref name="tag"/> has the shape of a BCP 47 language tag.</summary>
    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TagPattern();
}
