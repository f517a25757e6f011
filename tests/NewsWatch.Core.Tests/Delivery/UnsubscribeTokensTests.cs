using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class UnsubscribeTokensTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-unsub-").FullName;

    private static UnsubscribeTokens Tokens(string? key = "a-test-key-of-some-length", string? url = "https://newswatch.example.net") =>
        new(Options.Create(new UnsubscribeOptions { Key = key, PublicUrl = url }));

    [Fact]
    public void Validate_TokenOfThisKey_NamesTheAddress()
    {
        var token = Tokens().Create("Reader@Example.org");

        Assert.Equal("reader@example.org", Tokens().Validate(token));
    }

    [Fact]
    public void Validate_ForgedAlteredOrOtherKey_IsNull()
    {
        var token = Tokens().Create("reader@example.org");
        var other = Tokens().Create("victim@example.org");
        var swapped = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];
        var flipped = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.Null(Tokens().Validate(swapped));
        Assert.Null(Tokens().Validate(flipped));
        Assert.Null(Tokens(key: "another-key-entirely-here").Validate(token));
        Assert.Null(Tokens().Validate("cmVhZGVyQGV4YW1wbGUub3Jn"));
        Assert.Null(Tokens().Validate("%%%.###"));
        Assert.Null(Tokens().Validate(null));
        Assert.Null(Tokens(key: null).Validate(token));
    }

    [Fact]
    public void UrlFor_BothSettings_PointsAtTheFunction_ElseNull()
    {
        var url = Tokens().UrlFor("reader@example.org");

        Assert.NotNull(url);
        Assert.StartsWith("https://newswatch.example.net/api/unsubscribe?token=", url!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Null(Tokens(url: null).UrlFor("reader@example.org"));
        Assert.Null(Tokens(key: null).UrlFor("reader@example.org"));
    }

    [Fact]
    public async Task Handle_GetShowsAPageAndChangesNothing_PostOptsOut_ForgedIs400()
    {
        var optOuts = new OptOutStore(new FolderStateStore(_dir), new FakeTimeProvider());
        var handler = new UnsubscribeHandler(Tokens(), optOuts, NullLogger<UnsubscribeHandler>.Instance);
        var token = Tokens().Create("reader@example.org");

        var get = await handler.HandleAsync(isPost: false, token, CancellationToken.None);
        Assert.Equal(200, get.StatusCode);
        Assert.Contains("<form method=\"post\"", get.Html, StringComparison.Ordinal);
        Assert.False(await optOuts.IsOptedOutAsync("reader@example.org", CancellationToken.None));

        var forged = await handler.HandleAsync(isPost: true, token[..^2] + "xx", CancellationToken.None);
        Assert.Equal(400, forged.StatusCode);
        Assert.False(await optOuts.IsOptedOutAsync("reader@example.org", CancellationToken.None));

        var post = await handler.HandleAsync(isPost: true, token, CancellationToken.None);
        Assert.Equal(200, post.StatusCode);
        Assert.True(await optOuts.IsOptedOutAsync("Reader@example.org", CancellationToken.None));
        Assert.False(await optOuts.IsOptedOutAsync("other@example.org", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
