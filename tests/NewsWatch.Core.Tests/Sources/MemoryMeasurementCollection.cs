namespace NewsWatch.Core.Tests.Sources;

/// <summary>Tests that measure the GC heap run alone, so other tests' allocations do not count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
