using System.Globalization;
using System.Text;

namespace NewsWatch.Benchmarks.Scale;

/// <summary>Invented but real-looking news prose: titles and paragraphs of plausible sentences, from a seed.</summary>
internal static class ArticleText
{
    private static readonly string[] Subjects =
    [
        "The minister", "Officials in the capital", "A spokesperson for the council", "Local residents", "The regional governor",
        "Analysts at the central bank", "Union leaders", "The opposition party", "Emergency services", "A group of farmers",
        "The city's mayor", "Researchers at the university", "Port authorities", "The health agency", "Several diplomats",
    ];

    private static readonly string[] Verbs =
    [
        "said on Tuesday that", "warned that", "confirmed that", "told reporters that", "argued that", "announced that",
        "acknowledged that", "insisted that", "suggested that", "wrote in a statement that",
    ];

    private static readonly string[] Clauses =
    [
        "the budget for next year would be revised before the end of the month",
        "talks over the new harbour tunnel had stalled again",
        "the flooding along the river had damaged more than two hundred homes",
        "fuel prices were likely to stay high through the winter",
        "a new rail link to the airport would open in the spring",
        "the hospital's emergency ward was running at full capacity",
        "the vote on the housing bill had been postponed by a week",
        "exports of grain had fallen for the third month in a row",
        "schools in the northern districts would reopen on Monday",
        "the investigation into the bridge collapse was nearly complete",
        "wages in the public sector would rise by three per cent",
        "the festival had drawn its largest crowd in a decade",
        "a shortage of nurses was delaying routine operations",
        "the new wind farm would supply power to forty thousand homes",
        "the court would hear the appeal early next year",
    ];

    private static readonly string[] Tails =
    [
        "Critics said the plan came too late.", "No date has been set for a decision.",
        "The figures will be published next week.", "Others were more cautious.",
        "A full report is expected in the autumn.", "The council declined to comment further.",
    ];

    private static readonly string[] TitleNouns =
    [
        "budget", "harbour", "floods", "fuel prices", "rail link", "hospital", "housing bill", "grain exports", "schools",
        "bridge inquiry", "wages", "festival", "nurses", "wind farm", "appeal",
    ];

    private static readonly string[] TitleVerbs = ["row deepens", "plan unveiled", "talks resume", "under pressure", "set to change", "faces delay"];

    /// <summary>A headline from <paramref name="seed"/>.</summary>
    public static string Title(int seed)
    {
        var r = new Random(seed);
        var noun = TitleNouns[r.Next(TitleNouns.Length)];
        return char.ToUpper(noun[0], CultureInfo.InvariantCulture) + noun[1..] + " " + TitleVerbs[r.Next(TitleVerbs.Length)] + " (" + seed.ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary><paramref name="count"/> paragraphs of three to five sentences each.</summary>
    public static IReadOnlyList<string> Paragraphs(int seed, int count)
    {
        var r = new Random(seed);
        var paragraphs = new List<string>(count);
        for (var p = 0; p < count; p++)
        {
            var sb = new StringBuilder();
            var sentences = 3 + r.Next(3);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    sb.Append(' ');
                }

                if (r.Next(4) == 0)
                {
                    sb.Append(Tails[r.Next(Tails.Length)]);
                }
                else
                {
                    sb.Append(Subjects[r.Next(Subjects.Length)]).Append(' ').Append(Verbs[r.Next(Verbs.Length)]).Append(' ')
                        .Append(Clauses[r.Next(Clauses.Length)]).Append('.');
                }
            }

            paragraphs.Add(sb.ToString());
        }

        return paragraphs;
    }
}
