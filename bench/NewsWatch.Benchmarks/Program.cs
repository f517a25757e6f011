using BenchmarkDotNet.Running;
using NewsWatch.Benchmarks;

if (args is ["ground-truth", ..])
{
    return GroundTruthCheck.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);
return 0;
