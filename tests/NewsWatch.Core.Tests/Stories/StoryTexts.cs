using System.Text;

namespace NewsWatch.Core.Tests.Stories;

/// <summary>
/// Generated news-like texts for the story tests: stories on a topic draw their content words from that topic's
/// vocabulary (so two stories on one topic share most of their words) mixed with common function words, and the edits
/// syndication makes to a story (a new headline line, a paragraph added or cut, template lines, rewrapping, a teaser).
/// </summary>
internal static class StoryTexts
{
    private static readonly string[] Function =
        ["the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "is", "by", "at", "it", "from", "as", "he", "she", "they", "has", "were", "after", "but"];

    private static readonly string[] Syllables =
        ["ka", "lo", "mer", "tin", "sa", "vel", "dor", "pi", "nu", "ros", "te", "gan", "bri", "lu", "mo", "zen", "ar", "fel", "qui", "do", "sha", "vin", "tor", "el"];

    public static readonly string[] Furniture =
    [
        "Sign up for our newsletter and get the top stories of the day in your inbox every morning.",
        "Share this article on social media or send it to a friend by email.",
        "Copyright 2026 Example Media Group. All rights reserved. Do not redistribute.",
        "Subscribe today for unlimited access to all of our reporting and analysis.",
        "Read more stories like this one in our world news section.",
    ];

    /// <summary>A topic: its own content vocabulary of <paramref name="size"/> made-up words.</summary>
    public static string[] Topic(int seed, int size = 300)
    {
        var random = new Random(seed);
        var words = new HashSet<string>();
        while (words.Count < size)
        {
            var sb = new StringBuilder();
            for (var s = 0; s < 2 + random.Next(3); s++)
            {
                sb.Append(Syllables[random.Next(Syllables.Length)]);
            }

            words.Add(sb.ToString());
        }

        return [.. words];
    }

    /// <summary>A story of <paramref name="paragraphs"/> paragraphs of three sentences each on <paramref name="topic"/>.</summary>
    public static List<string> Story(string[] topic, int seed, int paragraphs = 8)
    {
        var random = new Random(seed);
        var result = new List<string>();
        for (var p = 0; p < paragraphs; p++)
        {
            var sb = new StringBuilder();
            for (var s = 0; s < 3; s++)
            {
                var length = 8 + random.Next(12);
                for (var w = 0; w < length; w++)
                {
                    // Content words lean to the front of the topic list, like real word frequencies.
                    var word = random.Next(3) == 0
                        ? Function[random.Next(Function.Length)]
                        : topic[(int)(topic.Length * Math.Pow(random.NextDouble(), 2))];
                    sb.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                    sb.Append(w == length - 1 ? ". " : random.Next(8) == 0 ? ", " : " ");
                }
            }

            result.Add(sb.ToString().Trim());
        }

        return result;
    }

    public static string Join(IEnumerable<string> paragraphs) => string.Join("\n\n", paragraphs);

    public static string WithHeadline(List<string> story, string headline) => headline + "\n\n" + Join(story);

    public static string WithoutParagraph(List<string> story, int index) => Join(story.Where((_, i) => i != index));

    public static string WithParagraph(List<string> story, int index, string paragraph)
    {
        var copy = story.ToList();
        copy.Insert(index, paragraph);
        return Join(copy);
    }

    public static string WithTemplate(string body, int seed) =>
        Furniture[seed % Furniture.Length] + "\n" + Furniture[(seed + 1) % Furniture.Length] + "\n\n" + body + "\n\n" + Furniture[(seed + 2) % Furniture.Length];

    /// <summary>The same words wrapped at another width, in other quotes and case, with doubled spaces.</summary>
    public static string Rewrapped(string body, int width)
    {
        var sb = new StringBuilder();
        var column = 0;
        foreach (var word in body.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (column + word.Length > width)
            {
                sb.Append("\r\n");
                column = 0;
            }
            else if (column > 0)
            {
                sb.Append("  ");
            }

            sb.Append(word.ToUpperInvariant());
            column += word.Length + 2;
        }

        return sb.ToString().Replace(",", " ,").Replace(".", "\u2019.");
    }

    public static string Teaser(List<string> story, int paragraphs) => Join(story.Take(paragraphs));
}
