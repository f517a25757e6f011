using System.Text.Json;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Tests.Alerts;

public class JsonOptionsExtensionsTests
{
    [Fact]
    public void TypeInfo_OfAContractType_WritesWithTheContractOptions()
    {
        var info = AlertJson.Options.TypeInfo<AlertMessage>();

        Assert.Equal(typeof(AlertMessage), info.Type);
        Assert.Same(AlertJson.Options, info.Options);
    }

    [Fact]
    public void TypeInfo_OfATypeTheResolverDoesNotKnow_Throws()
    {
        Assert.Throws<NotSupportedException>(() => AlertJson.Options.TypeInfo<UnknownToTheContract>());
    }

    private sealed record UnknownToTheContract(int Value);
}
