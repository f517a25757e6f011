using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Archive;

/// <summary>An archived article a rule would have alerted on.</summary>
/// <param name="Article">The article.</param>
/// <param name="Match">The rule's match on it.</param>
public sealed record BacktestMatch(ArchivedArticle Article, RuleMatch Match);
