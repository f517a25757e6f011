using NewsWatch.Core.Stories;

namespace NewsWatch.Core.Tests.Stories;

public sealed class StoryFingerprintTests
{
    private static readonly string[] War = StoryTexts.Topic(1);

    [Fact]
    public void Compute_SameWordsOtherWrappingCaseAndPunctuation_SameSketch()
    {
        var body = StoryTexts.Join(StoryTexts.Story(War, 10));

        var a = StoryFingerprint.Compute(body);
        var b = StoryFingerprint.Compute(StoryTexts.Rewrapped(body, 47));

        Assert.Equal(a.Sketch, b.Sketch);
        Assert.Equal(a.Words, b.Words);
        Assert.Equal(1.0, a.Resemblance(b));
    }

    [Fact]
    public void Compute_AccentsAndCurlyQuotes_FoldLikeTheMatcher()
    {
        var a = StoryFingerprint.Compute("Le président a déclaré « nous irons » à Genève, l’accord est signé");
        var b = StoryFingerprint.Compute("LE PRESIDENT A DECLARE \"NOUS IRONS\" A GENEVE, L'ACCORD EST SIGNE");

        Assert.Equal(a.Sketch, b.Sketch);
    }

    [Fact]
    public void Compute_LongText_KeepsSketchSizeAndAtMostTwentyKeys()
    {
        var print = StoryFingerprint.Compute(StoryTexts.Join(StoryTexts.Story(War, 11, paragraphs: 40)));

        Assert.Equal(StoryFingerprint.SketchSize, print.Sketch.Count);
        Assert.True(print.Sketch.SequenceEqual(print.Sketch.Order()));
        Assert.InRange(print.IndexKeys.Count, StoryFingerprint.BodyKeys, StoryFingerprint.BodyKeys + StoryFingerprint.LeadKeys);
        Assert.Equal(print.IndexKeys.Count, print.IndexKeys.Distinct().Count());
    }

    [Fact]
    public void Compute_EmptyText_HasNoSketchAndNoKeys()
    {
        var print = StoryFingerprint.Compute("  \n -- ");

        Assert.Equal(0, print.Words);
        Assert.Empty(print.Sketch);
        Assert.Empty(print.IndexKeys);
    }

    [Fact]
    public void FromStored_SketchBytes_GivesTheSameScores()
    {
        var story = StoryTexts.Story(War, 12);
        var a = StoryFingerprint.Compute(StoryTexts.Join(story));
        var b = StoryFingerprint.Compute(StoryTexts.WithoutParagraph(story, 3));

        var stored = StoryFingerprint.FromStored(a.Words, a.Shingles, a.SketchBytes());

        Assert.Equal(a.Sketch, stored.Sketch);
        Assert.Equal(a.Resemblance(b), stored.Resemblance(b));
        Assert.Equal(a.Containment(b, out _), stored.Containment(b, out _));
    }

    [Fact]
    public void Containment_TeaserOfLongStory_IsOneWhileResemblanceIsSmall()
    {
        var story = StoryTexts.Story(War, 13, paragraphs: 12);
        var full = StoryFingerprint.Compute(StoryTexts.Join(story));
        var teaser = StoryFingerprint.Compute(StoryTexts.Teaser(story, 3));

        Assert.Equal(1.0, teaser.Containment(full, out var samples));
        Assert.True(samples >= StorySimilarity.MinSamples, $"{samples} samples");
        Assert.True(teaser.Resemblance(full) < 0.4);
    }

    [Fact]
    public void Resemblance_DifferentStoriesOnOneTopic_IsNearZero()
    {
        var a = StoryFingerprint.Compute(StoryTexts.Join(StoryTexts.Story(War, 14)));
        var b = StoryFingerprint.Compute(StoryTexts.Join(StoryTexts.Story(War, 15)));

        Assert.True(a.Resemblance(b) < 0.05);
        Assert.True(a.Containment(b, out _) < 0.05);
    }
}
