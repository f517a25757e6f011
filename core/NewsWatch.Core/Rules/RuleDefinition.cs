namespace NewsWatch.Core.Rules;

/// <summary>A user's keyword rule as written in the config: an id and a query.</summary>
public sealed record RuleDefinition(string Id, string Query);
