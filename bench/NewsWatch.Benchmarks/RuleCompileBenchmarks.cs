using BenchmarkDotNet.Attributes;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>Compiling <see cref="RuleCount"/> rules; setup also prints the memory the compiled set keeps.</summary>
[MemoryDiagnoser]
public class RuleCompileBenchmarks
{
    private List<RuleDefinition> _rules = [];

    /// <summary>How many rules are compiled.</summary>
    [Params(10_000, 100_000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var articles = Corpus.LoadGroundTruth().Values.ToArray();
        _rules = SyntheticRules.Make(RuleCount, true, articles);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var set = RuleSet.Compile(_rules);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// {RuleCount} rules: the compiled set keeps {(after - before) / 1024.0 / 1024.0:F1} MB");
        GC.KeepAlive(set);
    }

    /// <summary>Compiles every rule.</summary>
    [Benchmark]
    public RuleSet Compile() => RuleSet.Compile(_rules);
}
