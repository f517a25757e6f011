using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Tests.Fetching;

namespace NewsWatch.Core.Tests.Configuration;

public sealed class TimeSpanRangeAttributeTests
{
    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:10:00", true)]
    [InlineData("00:05:00", true)]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:10:00.001", false)]
    public void IsValid_BoundsIncluded_OutsideRefused(string value, bool valid)
    {
        var range = new TimeSpanRangeAttribute("00:00:01", "00:10:00");

        Assert.Equal(valid, range.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsValid_NoValue_IsValid()
    {
        Assert.True(new TimeSpanRangeAttribute("00:00:01", "00:10:00").IsValid(null));
    }

    [Fact]
    public void FormatErrorMessage_NamesTheFieldAndBounds_AsRangeAttributeDoes()
    {
        var message = new TimeSpanRangeAttribute("00:00:01", "1.00:00:00").FormatErrorMessage("Timeout");

        Assert.Equal("The field Timeout must be between 00:00:01 and 1.00:00:00.", message);
    }

    [Fact]
    public async Task FetchOptions_TimeSpanOutOfRange_FailsValidationNamingTheSetting()
    {
        // The generated validator (not ValidateDataAnnotations) must still check the TimeSpan ranges.
        await using var services = FetcherHost.Build(new Dictionary<string, string?> { ["Fetch:AttemptTimeout"] = "02:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetchOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(nameof(FetchOptions.AttemptTimeout), StringComparison.Ordinal) && f.Contains("must be between", StringComparison.Ordinal));
    }
}
