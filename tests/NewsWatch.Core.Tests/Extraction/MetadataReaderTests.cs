using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class MetadataReaderTests
{
    [Theory]
    [InlineData("2019-11-18T21:10:29+00:00", "2019-11-18T21:10:29Z")]
    [InlineData("2019-11-18T16:10:29-0500", "2019-11-18T21:10:29Z")]
    [InlineData("2019-11-18 16:10:29 -0500", "2019-11-18T21:10:29Z")]
    [InlineData("Mon, 18 Nov 2019 21:10:29 GMT", "2019-11-18T21:10:29Z")]
    [InlineData("November 19, 2019, 07:47 PM EST", "2019-11-20T00:47:00Z")]
    [InlineData("2019/11/19", "2019-11-19T00:00:00Z")]
    public void ParseDate_CommonPageFormats_AreUtc(string value, string expected)
    {
        var parsed = MetadataReader.ParseDate(value);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2019-13-45")]
    public void ParseDate_Unparseable_IsNull(string value)
    {
        Assert.Null(MetadataReader.ParseDate(value));
    }

    [Theory]
    [InlineData("Storm closes mountain pass - Alpine Herald", "Storm closes mountain pass")]
    [InlineData("Storm closes mountain pass | Alpine Herald", "Storm closes mountain pass")]
    [InlineData("Alpine Herald", "Alpine Herald")]
    [InlineData("Vote - and why it matters: a long headline here | Herald", "Vote - and why it matters: a long headline here")]
    public void StripSiteName_RemovesTrailingSiteName(string title, string expected)
    {
        Assert.Equal(expected, MetadataReader.StripSiteName(title));
    }
}
