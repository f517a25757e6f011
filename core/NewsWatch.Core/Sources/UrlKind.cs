namespace NewsWatch.Core.Sources;

/// <summary>What a URL's shape suggests (<see cref="UrlShape"/>).</summary>
internal enum UrlKind
{
    /// <summary>Nothing clear.</summary>
    Unknown,
    /// <summary>Looks like an article: a date, a long numeric id or a slug of several words.</summary>
    Article,
    /// <summary>Looks like a section, tag, author, search, paging or service page.</summary>
    Section,
}
