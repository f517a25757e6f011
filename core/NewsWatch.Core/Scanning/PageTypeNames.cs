using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Scanning;

/// <summary>The page kinds as article records store them.</summary>
public static class PageTypeNames
{
    /// <summary>An article page.</summary>
    public const string Article = "article";

    /// <summary>A live blog.</summary>
    public const string LiveBlog = "liveblog";

    /// <summary>Not an article: never matched.</summary>
    public const string Other = "other";

    /// <summary>A page given up on (gone, refused, too complex, or failing too often).</summary>
    public const string Failed = "failed";

    /// <summary>The name of <paramref name="type"/>, as <c>newswatch extract</c> prints it.</summary>
    public static string Of(PageType type) => type switch
    {
        PageType.Article => Article,
        PageType.LiveBlog => LiveBlog,
        _ => Other,
    };
}
