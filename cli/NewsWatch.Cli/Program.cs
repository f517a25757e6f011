using System.CommandLine;
using NewsWatch.Cli;

var root = new RootCommand("NewsWatch: watch news sites for phrases; alerts carry the sentence that matched.");
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(MatchCommand.Create());
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
root.Subcommands.Add(DeliverCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad arguments exit 2, as a bad config does (System.CommandLine's own 1 would read as "some inputs failed").
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
    }

    var name = parsed.CommandResult.Command == root ? "newswatch" : $"newswatch {parsed.CommandResult.Command.Name}";
    await Console.Error.WriteLineAsync($"'{name} --help' lists the arguments and options.").ConfigureAwait(false);
    return ExitCodes.BadInput;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (SettingsProblem problem)
{
    await Console.Error.WriteLineAsync(problem.Message).ConfigureAwait(false);
    return ExitCodes.BadInput;
}
catch (Exception ex)
{
    // Exit 1, as System.CommandLine's own handler did; a cancellation (Ctrl+C, a timeout) in one line, anything else whole, for a report.
    await Console.Error.WriteLineAsync(ex is OperationCanceledException ? $"newswatch: stopped: {ex.Message}" : $"newswatch: unexpected error: {ex}")
        .ConfigureAwait(false);
    return ExitCodes.SomeInputsFailed;
}
