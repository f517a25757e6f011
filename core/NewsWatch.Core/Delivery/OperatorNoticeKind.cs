namespace NewsWatch.Core.Delivery;

/// <summary>A source's health transition that operators hear about.</summary>
public enum OperatorNoticeKind
{
    /// <summary>The source has failed for a while (e.g. over 6 hours).</summary>
    Failing,

    /// <summary>The source yields nothing new (e.g. no new link for over 3 days, or an empty listing).</summary>
    Quiet,

    /// <summary>The source works again after being failing or quiet.</summary>
    Recovered,
}
