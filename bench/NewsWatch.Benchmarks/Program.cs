using BenchmarkDotNet.Running;
using NewsWatch.Benchmarks;

if (args is ["ground-truth", ..])
{
    return GroundTruthCheck.Run();
}

if (args is ["smartreader", ..])
{
    return SmartReaderRun.Run(args.Length > 1 ? args[1..] : Corpus.HtmlFiles().ToList());
}

if (args is ["corpus", ..])
{
    return CorpusRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

if (args is ["scale" or "scale-serve", ..])
{
    return args[0] == "scale" ? await NewsWatch.Benchmarks.Scale.ScaleRun.RunAsync(args[1..]) : await NewsWatch.Benchmarks.Scale.ScaleServe.RunAsync(args[1..]);
}

if (args is ["stories", ..])
{
    return StoriesRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
}

if (args is ["rule-curve", ..])
{
    return RuleCurveRun.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);
return 0;
