using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

/// <summary>Function tests that share one Azurite process (a collection definition must live in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Functions on Azurite";
}
