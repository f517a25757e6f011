namespace NewsWatch.Core.Extraction;

/// <summary>What kind of page a fetched page is: only articles and live blogs are matched against the rules.</summary>
public enum PageType
{
    /// <summary>A news story, opinion piece, interview or press release.</summary>
    Article,

    /// <summary>A live blog: timestamped entries, each matched on its own.</summary>
    LiveBlog,

    /// <summary>Anything else: a home page, section front, tag or author page, search results, a gallery, an error page.</summary>
    Other,
}
