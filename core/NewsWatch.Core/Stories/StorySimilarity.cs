namespace NewsWatch.Core.Stories;

/// <summary>
/// When two bodies tell the same story. The score is the estimated containment of the smaller text's 5-word shingles
/// in the larger's: 1 for a wire teaser against its full story, above 0.9 for a copy with a paragraph more or less, a
/// new headline line or another template's lines, 0 to 0.2 for two different stories on one subject (they share
/// words, not 5-word runs). Short texts are where shared template lines and stock phrases weigh most, so the rule is:
/// <list type="bullet">
/// <item>a text under <see cref="MinWords"/> words is never joined to another story (it is its own story);</item>
/// <item>when the smaller text has under <see cref="LongWords"/> words, the containment must reach
/// <see cref="ShortThreshold"/> (at most a line of foreign text);</item>
/// <item>otherwise it must reach <see cref="Threshold"/>;</item>
/// <item>and the estimate must rest on at least <see cref="MinSamples"/> hashes: a short teaser of a very long article
/// (under about 1/20 of it) stays its own story rather than be joined on a guess.</item>
/// </list>
/// The thresholds come from the bench mode <c>stories</c> (edited copies of the corpus bodies against different
/// articles on the same subject, with and without the same template lines).
/// </summary>
public static class StorySimilarity
{
    /// <summary>Texts shorter than this (in words) are never joined to another story.</summary>
    public const int MinWords = 20;

    /// <summary>From this many words in the smaller text, <see cref="Threshold"/> applies instead of <see cref="ShortThreshold"/>.</summary>
    public const int LongWords = 60;

    /// <summary>The containment from which two texts are one story.</summary>
    public const double Threshold = 0.6;

    /// <summary>The containment from which two texts are one story when the smaller has under <see cref="LongWords"/> words.</summary>
    public const double ShortThreshold = 0.8;

    /// <summary>The fewest sketch hashes a containment estimate must rest on.</summary>
    public const int MinSamples = 12;

    /// <summary>The estimated containment of the smaller text in the larger; 0 when a text is too short or the estimate rests on too few hashes.</summary>
    public static double Score(StoryFingerprint a, StoryFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Min(a.Words, b.Words) < MinWords)
        {
            return 0;
        }

        var containment = a.Containment(b, out var samples);
        return samples < MinSamples ? 0 : containment;
    }

    /// <summary>Whether the two texts tell the same story.</summary>
    public static bool IsSameStory(StoryFingerprint a, StoryFingerprint b)
    {
        var score = Score(a, b);
        return score > 0 && score >= (Math.Min(a.Words, b.Words) < LongWords ? ShortThreshold : Threshold);
    }
}
