using System.CommandLine;
using NewsWatch.Core;

namespace NewsWatch.Cli;

/// <summary>The options every storing command shares: <c>--config</c>, <c>--out DIR</c> or <c>--storage CONNECTION</c>.</summary>
internal sealed class StorageArguments
{
    public Option<FileInfo> Config { get; } = new("--config", "-c")
    {
        Required = true,
        Description = "The newswatch.json to run on.",
    };

    public Option<DirectoryInfo?> Out { get; } = new("--out")
    {
        Description = "A local folder for alerts/, queue/ and state/ (default ./.newswatch).",
    };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "An Azure Storage connection string; \"UseDevelopmentStorage=true\" for Azurite.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Out);
        command.Options.Add(Storage);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Out) is not null && result.GetResult(Storage) is not null)
            {
                result.AddError("Give either --out DIR or --storage CONNECTION, not both.");
            }
        });
    }

    /// <summary>The settings that point the core at the chosen storage and config; they win over the environment.</summary>
    public Dictionary<string, string?> Settings(ParseResult parse)
    {
        var storage = parse.GetValue(Storage);
        var settings = new Dictionary<string, string?>
        {
            [ServiceCollectionExtensions.ConfigFileSetting] = parse.GetValue(Config)!.FullName,
        };
        if (!string.IsNullOrWhiteSpace(storage))
        {
            settings["NEWSWATCH_STORAGE"] = storage;
        }
        else
        {
            // A local run: ignore any storage account the environment names.
            settings["NEWSWATCH_STORAGE"] = string.Empty;
            settings["AzureWebJobsStorage"] = string.Empty;
            settings["AzureWebJobsStorage:accountName"] = string.Empty;
            settings["NEWSWATCH_DATA_DIR"] = (parse.GetValue(Out)?.FullName) ?? Path.GetFullPath(".newswatch");
        }

        return settings;
    }

    /// <summary>Where the alerts go, for the summary.</summary>
    public string Describe(ParseResult parse) =>
        parse.GetValue(Storage) is { Length: > 0 } ? "Azure Storage (--storage)" : (parse.GetValue(Out)?.FullName ?? Path.GetFullPath(".newswatch"));
}
