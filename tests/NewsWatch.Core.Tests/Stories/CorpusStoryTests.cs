using System.Text.Json;
using NewsWatch.Core.Stories;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Stories;

/// <summary>Same-story detection on the corpus bodies (the full measurement is the bench mode <c>stories</c>).</summary>
public sealed class CorpusStoryTests
{
    [CorpusFact]
    public void IsSameStory_CorpusBodies_EditedCopiesJoinAndDifferentArticlesDoNot()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Corpus!, "extraction", "ground-truth.json")));
        var bodies = truth.RootElement.EnumerateObject()
            .Select(p => p.Value.GetProperty("articleBody").GetString() ?? string.Empty)
            .Where(b => b.Split(' ').Length >= 60)
            .ToList();
        var prints = bodies.Select(StoryFingerprint.Compute).ToList();

        var joined = new List<string>();
        for (var i = 0; i < prints.Count; i++)
        {
            for (var j = i + 1; j < prints.Count; j++)
            {
                if (StorySimilarity.IsSameStory(prints[i], prints[j]))
                {
                    joined.Add($"{i}~{j}");
                }
            }
        }

        var missed = new List<string>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var paragraphs = bodies[i].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var copy = StoryTexts.WithTemplate(
                StoryTexts.WithHeadline(paragraphs.Count > 2 ? paragraphs.Where((_, k) => k != 1).ToList() : paragraphs, "A different headline"), i);
            if (!StorySimilarity.IsSameStory(prints[i], StoryFingerprint.Compute(StoryTexts.Rewrapped(copy, 60))))
            {
                missed.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.True(joined.Count == 0, "different articles joined: " + string.Join(", ", joined));
        Assert.True(missed.Count <= bodies.Count / 20, $"{missed.Count} of {bodies.Count} edited copies missed: " + string.Join(", ", missed));
    }
}
