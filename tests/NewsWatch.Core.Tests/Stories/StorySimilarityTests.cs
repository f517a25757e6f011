using System.Globalization;
using NewsWatch.Core.Stories;

namespace NewsWatch.Core.Tests.Stories;

/// <summary>The measurement of the bench mode <c>stories</c> on generated texts: edited copies against different stories on one topic.</summary>
public sealed class StorySimilarityTests
{
    [Theory]
    [InlineData("headline")]
    [InlineData("cut")]
    [InlineData("added")]
    [InlineData("template")]
    [InlineData("rewrap")]
    [InlineData("teaser")]
    [InlineData("all")]
    public void IsSameStory_SyndicationEdit_IsSameStory(string edit)
    {
        var topic = StoryTexts.Topic(2);
        var story = StoryTexts.Story(topic, 20);
        var other = StoryTexts.Story(topic, 21);

        var copy = Edit(edit, story, other, 7);

        Assert.True(StorySimilarity.IsSameStory(StoryFingerprint.Compute(StoryTexts.Join(story)), StoryFingerprint.Compute(copy)));
    }

    [Fact]
    public void IsSameStory_DifferentStoriesOnOneTopicWithOneTemplate_IsNot()
    {
        var topic = StoryTexts.Topic(3);
        var a = StoryTexts.WithTemplate(StoryTexts.Join(StoryTexts.Story(topic, 30, paragraphs: 3)), 0);
        var b = StoryTexts.WithTemplate(StoryTexts.Join(StoryTexts.Story(topic, 31, paragraphs: 3)), 0);

        Assert.False(StorySimilarity.IsSameStory(StoryFingerprint.Compute(a), StoryFingerprint.Compute(b)));
    }

    [Fact]
    public void IsSameStory_ShortTextsSharingTemplateLines_IsNot()
    {
        var topic = StoryTexts.Topic(4);
        var a = StoryFingerprint.Compute(StoryTexts.Furniture[0] + "\n" + string.Join(' ', StoryTexts.Story(topic, 40)[0].Split(' ').Take(25)));
        var b = StoryFingerprint.Compute(StoryTexts.Furniture[0] + "\n" + string.Join(' ', StoryTexts.Story(topic, 41)[0].Split(' ').Take(25)));

        Assert.InRange(Math.Min(a.Words, b.Words), StorySimilarity.MinWords, StorySimilarity.LongWords - 1);
        Assert.False(StorySimilarity.IsSameStory(a, b));
    }

    [Fact]
    public void IsSameStory_UnderMinWords_NeverEvenIdentical()
    {
        var print = StoryFingerprint.Compute("Police said the road was closed after a crash on Monday night near the bridge.");

        Assert.True(print.Words < StorySimilarity.MinWords);
        Assert.False(StorySimilarity.IsSameStory(print, print));
    }

    [Fact]
    public void IsSameStory_ShortNearCopy_IsSameStory()
    {
        var topic = StoryTexts.Topic(5);
        var text = string.Join(' ', StoryTexts.Join(StoryTexts.Story(topic, 50)).Split(' ').Take(45));

        var a = StoryFingerprint.Compute(text);
        var b = StoryFingerprint.Compute(StoryTexts.Rewrapped(text, 30));

        Assert.True(StorySimilarity.IsSameStory(a, b));
    }

    [Fact]
    public void IsSameStory_GeneratedPairs_PerfectPrecisionAndHighRecall()
    {
        string[] edits = ["headline", "cut", "added", "template", "rewrap", "teaser", "all"];
        int tp = 0, fn = 0, fp = 0, negatives = 0;
        for (var t = 0; t < 6; t++)
        {
            var topic = StoryTexts.Topic(100 + t);
            var stories = Enumerable.Range(0, 6).Select(s => StoryTexts.Story(topic, (t * 100) + s, paragraphs: 4 + s)).ToList();
            var prints = stories.Select(s => StoryFingerprint.Compute(StoryTexts.WithTemplate(StoryTexts.Join(s), t))).ToList();
            for (var s = 0; s < stories.Count; s++)
            {
                foreach (var edit in edits)
                {
                    var copy = StoryFingerprint.Compute(Edit(edit, stories[s], stories[(s + 1) % stories.Count], s + t));
                    if (StorySimilarity.IsSameStory(prints[s], copy))
                    {
                        tp++;
                    }
                    else
                    {
                        fn++;
                    }
                }

                for (var o = s + 1; o < stories.Count; o++)
                {
                    negatives++;
                    fp += StorySimilarity.IsSameStory(prints[s], prints[o]) ? 1 : 0;
                }
            }
        }

        var recall = tp / (double)(tp + fn);
        Assert.True(negatives > 50);
        Assert.Equal(0, fp);
        Assert.True(recall >= 0.95, string.Create(CultureInfo.InvariantCulture, $"recall {recall:F3} ({fn} missed)"));
    }

    internal static string Edit(string edit, List<string> story, List<string> other, int seed) => edit switch
    {
        "headline" => StoryTexts.WithHeadline(story, "Leaders meet again as talks resume " + seed),
        "cut" => StoryTexts.WithoutParagraph(story, 1 + (seed % (story.Count - 1))),
        "added" => StoryTexts.WithParagraph(story, seed % story.Count, other[0]),
        "template" => StoryTexts.WithTemplate(StoryTexts.Join(story), seed + 1),
        "rewrap" => StoryTexts.Rewrapped(StoryTexts.Join(story), 40 + (seed % 30)),
        "teaser" => StoryTexts.Teaser(story, 2),
        "all" => StoryTexts.Rewrapped(StoryTexts.WithTemplate(StoryTexts.WithHeadline(
            StoryTexts.WithoutParagraph(story, 1 + (seed % (story.Count - 1))).Split("\n\n").ToList(), "A new headline " + seed), seed + 3), 50),
        _ => throw new ArgumentOutOfRangeException(nameof(edit)),
    };
}
