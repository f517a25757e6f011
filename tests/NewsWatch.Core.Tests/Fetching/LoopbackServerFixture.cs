using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>One loopback server per test class; each test maps its own paths.</summary>
public sealed class LoopbackServerFixture : IAsyncLifetime
{
    public LoopbackHttpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
