namespace NewsWatch.Core.Alerts;

/// <summary>The values of <see cref="Alert.Kind"/>.</summary>
public static class AlertKinds
{
    /// <summary>A whole article page matched.</summary>
    public const string Article = "article";

    /// <summary>One entry of a live blog matched.</summary>
    public const string LiveBlogEntry = "liveblog-entry";
}
