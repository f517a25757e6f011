namespace NewsWatch.Core.Extraction;

/// <summary>What kind of page was extracted: only articles and live blogs are matched against rules.</summary>
public enum PageType
{
    /// <summary>One story: a news report, an opinion piece, an interview, a press release.</summary>
    Article,

    /// <summary>A live blog: a run of timestamped entries, each matched on its own.</summary>
    LiveBlog,

    /// <summary>Anything else: home page, section front, tag, author or search page, gallery, consent wall, error page.</summary>
    Other,
}
