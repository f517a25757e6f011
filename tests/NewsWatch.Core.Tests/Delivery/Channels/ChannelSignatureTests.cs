using System.Text;
using NewsWatch.Core.Delivery.Channels;

namespace NewsWatch.Core.Tests.Delivery.Channels;

public sealed class ChannelSignatureTests
{
    [Fact]
    public void Compute_KnownVector_IsSha256HexOfTheBody()
    {
        // RFC 4231-style vector (key "key", the quick brown fox), as published for HMAC-SHA256.
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", ChannelSignature.Compute("key", body));
    }

    [Fact]
    public void Verify_AlteredBodyOrOtherSecret_IsFalse()
    {
        var body = Encoding.UTF8.GetBytes("{\"type\":\"alert\"}");
        var signature = ChannelSignature.Compute("s3cret", body);

        Assert.True(ChannelSignature.Verify("s3cret", body, signature));
        Assert.True(ChannelSignature.Verify("s3cret", body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal)));
        Assert.False(ChannelSignature.Verify("other", body, signature));
        Assert.False(ChannelSignature.Verify("s3cret", Encoding.UTF8.GetBytes("{\"type\":\"alerts\"}"), signature));
        Assert.False(ChannelSignature.Verify("s3cret", body, null));
    }
}
