using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class OptOutStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("newswatch-optouts-").FullName;

    [Fact]
    public async Task ListAsync_AfterOptOuts_EveryAddressOnceInLowerCaseWithItsFirstTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var store = new OptOutStore(new FolderStateStore(_directory), time);

        await store.OptOutAsync(" Reader@Example.org ", CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await store.OptOutAsync("reader@example.org", CancellationToken.None);
        await store.OptOutAsync("another.one+news@example.org", CancellationToken.None);

        Assert.Equal(
            [
                new OptedOutAddress("another.one+news@example.org", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)),
                new OptedOutAddress("reader@example.org", new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)),
            ],
            await store.ListAsync(CancellationToken.None));
        Assert.True(await store.IsOptedOutAsync("READER@example.org", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_NobodyOptedOut_IsEmpty() =>
        Assert.Empty(await new OptOutStore(new FolderStateStore(_directory), TimeProvider.System).ListAsync(CancellationToken.None));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
