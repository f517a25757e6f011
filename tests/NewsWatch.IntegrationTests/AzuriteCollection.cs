using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests;

/// <summary>Tests that share one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
