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
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
