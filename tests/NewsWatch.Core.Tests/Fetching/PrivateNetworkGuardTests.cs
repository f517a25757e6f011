using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>
/// The private-network guard. Only 127.0.0.0/8 stands in for the forbidden ranges on the wire; the other ranges are
/// checked by <see cref="PrivateNetworkGuard.Classify"/> alone, so no packet leaves the machine.
/// </summary>
public sealed class PrivateNetworkGuardTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private LoopbackHttpServer Server => fixture.Server;

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("10.1.2.3", "private (RFC 1918)")]
    [InlineData("172.16.0.1", "private (RFC 1918)")]
    [InlineData("172.31.255.255", "private (RFC 1918)")]
    [InlineData("192.168.1.1", "private (RFC 1918)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.254", "CGNAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private (RFC 1918)")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("172.32.0.1", null)]
    [InlineData("100.128.0.1", null)]
    [InlineData("8.8.8.8", null)]
    [InlineData("93.184.215.14", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    public void Classify_Address_NamesItsRange(string address, string? expected)
    {
        Assert.Equal(expected, PrivateNetworkGuard.Classify(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Fetch_LoopbackWhenNotAllowed_IsForbiddenNamingTheAddressAndSendsNothing()
    {
        var url = Server.Map("/guarded", Html("<p>secret</p>"));

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "false" });

        Assert.Equal(FetchOutcome.Forbidden, result.Outcome);
        Assert.Contains("127.0.0.1", result.Error, StringComparison.Ordinal);
        Assert.Contains("loopback", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount("/guarded"));
    }

    [Fact]
    public async Task Fetch_HostNameResolvingToLoopback_IsForbidden()
    {
        var url = new UriBuilder(Server.Map("/by-name", Html("<p>secret</p>"))) { Host = "localhost" }.Uri;

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "false" });

        Assert.Equal(FetchOutcome.Forbidden, result.Outcome);
        Assert.Contains("localhost", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount("/by-name"));
    }

    [Fact]
    public async Task Fetch_RedirectToAnotherLoopbackAddress_IsCheckedOnTheAddressConnected()
    {
        // 127.0.0.1 is allowed as an intranet range; 127.0.0.2 stands in for the metadata endpoint a redirect points at.
        var target = new UriBuilder(Server.Url("/metadata")) { Host = "127.0.0.2" }.Uri;
        var url = Server.Map("/redirect-inside", Redirect(target.AbsoluteUri));

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?>
        {
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "false",
            ["NEWSWATCH_ALLOWED_PRIVATE_NETWORKS"] = "127.0.0.1/32",
        });

        Assert.Equal(FetchOutcome.Forbidden, result.Outcome);
        Assert.Contains("127.0.0.2", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestCount("/redirect-inside"));
        Assert.Equal(0, Server.RequestCount("/metadata"));
    }

    [Fact]
    public async Task Fetch_AllowedSetting_ReachesLoopback()
    {
        var url = Server.Map("/allowed", Html("<p>local</p>"));

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true" });

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
    }

    [Fact]
    public async Task AddPrivateNetworkGuard_AnyHttpClient_RefusesLoopback()
    {
        var url = Server.Map("/webhook", Html("ok"));
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddPrivateNetworkGuard();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url));

        Assert.NotNull(PrivateNetworkRefusedException.Find(error));
        Assert.Equal(0, Server.RequestCount("/webhook"));
    }

    [Fact]
    public async Task Options_BadSetting_FailsAtStart()
    {
        await using var services = FetcherHost.Build(new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "maybe" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivateNetworkOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(PrivateNetworkOptions.AllowSetting, StringComparison.Ordinal));
    }
}
