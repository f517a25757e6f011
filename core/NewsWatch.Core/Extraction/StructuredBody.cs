using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// A recipe or a how-to that the page also describes in its JSON-LD (<c>Recipe</c>: description, ingredients,
/// instructions; <c>HowTo</c>: description, steps). Such pages often render the steps from script, or split them
/// across components the body region does not join. The stated rule: when the structured text holds at least
/// <see cref="MinLength"/> characters and the extracted text holds under <see cref="MaxCoverage"/> of its words, the
/// structured text replaces the extracted text when it is longer, and is appended to it otherwise.
/// </summary>
internal static partial class StructuredBody
{
    /// <summary>Shorter structured text (non-space characters) is a teaser, not a body.</summary>
    public const int MinLength = 500;

    /// <summary>An extracted text holding this share of the structured text's words already has the recipe.</summary>
    public const double MaxCoverage = 0.5;

    private const int MaxDepth = 6;
    private const int MaxChars = 200_000;

    /// <summary>The text after the check: the extracted text, the structured text, or both.</summary>
    public static string Apply(string text, List<JsonElement> jsonLd)
    {
        if (Read(jsonLd) is not { } structured)
        {
            return text;
        }

        var words = PageEvidence.WordsOf(structured);
        if (words.Count == 0)
        {
            return text;
        }

        var held = PageEvidence.WordsOf(text);
        var coverage = words.Count(held.Contains) / (double)words.Count;
        if (coverage >= MaxCoverage)
        {
            return text;
        }

        return structured.Length >= text.Length || text.Length == 0 ? structured : text + "\n\n" + structured;
    }

    /// <summary>The first Recipe or HowTo item's text as blocks separated by blank lines, or null.</summary>
    public static string? Read(List<JsonElement> jsonLd)
    {
        foreach (var item in jsonLd)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("@type", out var type))
            {
                continue;
            }

            var recipe = IsType(type, "Recipe");
            if (!recipe && !IsType(type, "HowTo"))
            {
                continue;
            }

            var blocks = new List<string>();
            if (item.TryGetProperty("description", out var d))
            {
                Collect(d, blocks, 0);
            }

            if (recipe)
            {
                var ingredients = new List<string>();
                if (item.TryGetProperty("recipeIngredient", out var ing) || item.TryGetProperty("ingredients", out ing))
                {
                    Collect(ing, ingredients, 0);
                }

                if (ingredients.Count > 0)
                {
                    blocks.Add(string.Join('\n', ingredients));
                }

                if (item.TryGetProperty("recipeInstructions", out var steps))
                {
                    Collect(steps, blocks, 0);
                }
            }
            else if (item.TryGetProperty("step", out var steps))
            {
                Collect(steps, blocks, 0);
            }

            var text = string.Join("\n\n", blocks.Distinct(StringComparer.Ordinal));
            return text.Count(c => !char.IsWhiteSpace(c)) >= MinLength ? text : null;
        }

        return null;
    }

    private static bool IsType(JsonElement type, string name) => type.ValueKind switch
    {
        JsonValueKind.String => string.Equals(type.GetString(), name, StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && string.Equals(t.GetString(), name, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>Strings, arrays of them, and steps (<c>text</c>, else <c>name</c>) or sections of steps (<c>itemListElement</c>).</summary>
    private static void Collect(JsonElement e, List<string> blocks, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                if (Plain(e.GetString()!) is { Length: > 0 } s)
                {
                    blocks.Add(s);
                }

                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray())
                {
                    Collect(x, blocks, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                if (e.TryGetProperty("itemListElement", out var list))
                {
                    if (e.TryGetProperty("name", out var title))
                    {
                        Collect(title, blocks, depth + 1);
                    }

                    Collect(list, blocks, depth + 1);
                }
                else if (e.TryGetProperty("text", out var text))
                {
                    Collect(text, blocks, depth + 1);
                }
                else if (e.TryGetProperty("name", out var name))
                {
                    Collect(name, blocks, depth + 1);
                }

                break;
        }
    }

    /// <summary>A JSON string as reader text: tags become line breaks, entities are decoded, lines are trimmed.</summary>
    private static string Plain(string s)
    {
        if (s.Length > MaxChars)
        {
            s = s[..MaxChars];
        }

        var decoded = WebUtility.HtmlDecode(Tag().Replace(s, "\n"));
        var sb = new StringBuilder(decoded.Length);
        foreach (var line in decoded.Split('\n'))
        {
            var l = TextAssembler.CollapseWhitespace(line).Trim();
            if (l.Length > 0)
            {
                sb.Append(sb.Length > 0 ? "\n" : string.Empty).Append(l);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"<[^<>]{0,500}>")]
    private static partial Regex Tag();
}
