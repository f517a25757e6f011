using System.CommandLine;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Rules;

namespace NewsWatch.Cli;

/// <summary>
/// <c>newswatch match --rules FILE INPUT...</c> or <c>newswatch match --query '...' INPUT...</c>: one JSON line per
/// input with the rules that matched, their sentences and their hits (term, field, UTF-16 offset and length into
/// that field's text as <c>extract</c> prints it).
/// </summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var rulesOption = new Option<FileInfo>("--rules")
        {
            Description = "A JSON file with {\"rules\": [{\"id\", \"query\"}]}, or a whole newswatch.json.",
        };
        var queryOption = new Option<string>("--query") { Description = "One rule query to try instead of --rules (its id is \"query\")." };
        var languageOption = new Option<string>("--language") { Description = "With --query: the rule's language (BCP 47, e.g. de)." };
        var pageTypesOption = new Option<string>("--page-types")
        {
            Description = "articles (default): match only pages the classifier calls an article or a live blog, as a scan does; "
                + "any: match every page (a home page, section front or tag page too), as a source with \"pageTypes\": \"any\" does.",
            DefaultValueFactory = _ => "articles",
        };
        pageTypesOption.AcceptOnlyFromAmong("articles", "any");
        var inputs = new Argument<string[]>("INPUT") { Arity = ArgumentArity.OneOrMore, Description = "Files or URLs of article pages." };
        var command = new Command("match", "Match rules against pages and print the matches with their sentences.")
        {
            rulesOption, queryOption, languageOption, pageTypesOption, inputs,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(rulesOption), parse.GetValue(queryOption), parse.GetValue(languageOption), parse.GetValue(pageTypesOption) == "any",
            parse.GetValue(inputs)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? rulesFile, string? query, string? language, bool anyPage, string[] inputs,
        CancellationToken cancellationToken)
    {
        if ((rulesFile is null) == (query is null))
        {
            await Console.Error.WriteLineAsync("match: give either --rules FILE or --query '...'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (language is not null && !RuleLanguage.IsValidTag(language))
        {
            await Console.Error.WriteLineAsync($"--language: '{language}' is not a BCP 47 language tag (e.g. de, fr, pt-BR).").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        RuleSet rules;
        try
        {
            rules = RuleSet.Compile(rulesFile is not null ? RulesFile.Load(rulesFile.FullName) : [new RuleDefinition("query", query!, language)]);
        }
        catch (Exception ex) when (ex is ConfigException or RuleSyntaxException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build();
        var notArticles = 0;
        var exitCode = await ArticleLoader.ForEachAsync(provider, inputs, (w, input, article) =>
        {
            w.WriteString("input", input);
            w.WriteString("url", article.Url?.AbsoluteUri);
            w.WriteString("title", article.Title);
            w.WriteString("pageType", ExtractCommand.PageTypeName(article.PageType));
            w.WriteStartArray("matches");

            // Only articles and live blogs alert: a home page, section front or tag page reports no matches (unless
            // --page-types any).
            var skipped = article.PageType == PageType.Other && !anyPage;
            notArticles += skipped ? 1 : 0;
            IReadOnlyList<RuleMatch> matches = skipped ? [] : rules.Match(article.Title, article.Text);
            foreach (var match in matches)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", match.RuleId);
                w.WriteNumber("count", match.Count);
                w.WriteStartArray("snippets");
                foreach (var snippet in match.Snippets)
                {
                    w.WriteStartObject();
                    w.WriteString("field", snippet.Field);
                    w.WriteString("text", snippet.Text);
                    w.WriteStartArray("highlights");
                    foreach (var h in snippet.Highlights)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("start", h.Start);
                        w.WriteNumber("length", h.Length);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("hits");
                foreach (var hit in match.Hits)
                {
                    w.WriteStartObject();
                    w.WriteString("term", hit.Term);
                    w.WriteString("field", hit.Field);
                    w.WriteNumber("start", hit.Start);
                    w.WriteNumber("length", hit.Length);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);

        if (notArticles > 0)
        {
            await Console.Error.WriteLineAsync(
                $"match: {notArticles} of {inputs.Length} pages were not matched: the page classifier calls them \"other\" (not an article or a live blog; "
                + "'newswatch extract --explain' says why). Add --page-types any to match them too.").ConfigureAwait(false);
        }

        return exitCode;
    }
}
