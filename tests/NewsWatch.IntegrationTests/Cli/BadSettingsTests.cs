using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary>
/// A wrong setting (environment variable) stops every command before it does any work, with exit code 2 and one line
/// that names the setting and what it takes: no stack trace, nothing on stdout.
/// </summary>
public sealed class BadSettingsTests
{
    private static string Page => Path.Combine(RepoPaths.Root, "samples", "site", "world", "grain-corridor-reopens.html");

    [Theory]
    [InlineData("Scan__HostParallelism", "lots", "newswatch: the setting Scan__HostParallelism is 'lots', which is not a whole number.")]
    [InlineData("Scan__HostParallelism", "0", "newswatch: a setting is wrong: Scan__HostParallelism: The field ScanOptions.HostParallelism must be between 1 and 4096.")]
    [InlineData("Fetch__MaxRetryAfter", "soon", "newswatch: the setting Fetch__MaxRetryAfter is 'soon', which is not a time span (hh:mm:ss, e.g. 00:00:30).")]
    [InlineData("NEWSWATCH_SMTP_PORT", "0", "newswatch: a setting is wrong: NEWSWATCH_SMTP_PORT: The field SmtpOptions.Port must be between 1 and 65535.")]
    [InlineData("NEWSWATCH_SMTP_TLS", "maybe", "newswatch: a setting is wrong: NEWSWATCH_SMTP_TLS: NEWSWATCH_SMTP_TLS must be none, starttls or ssl.")]
    public async Task Extract_WithABadSetting_ExitsTwo_NamingTheSettingAndWhatItTakes(string name, string value, string expected)
    {
        var result = await CliRunner.RunAsync(RepoPaths.Root, new Dictionary<string, string> { [name] = value }, "extract", Page);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Equal($"{expected} Settings are environment variables (README, \"Settings\").", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Scan_WithABadSetting_WritesNothing()
    {
        var dir = Directory.CreateTempSubdirectory("nw-settings-").FullName;
        try
        {
            var config = Path.Combine(RepoPaths.Root, "samples", "newswatch.json");
            var output = Path.Combine(dir, "out");

            var result = await CliRunner.RunAsync(RepoPaths.Root, new Dictionary<string, string> { ["Fetch__MinIntervalSeconds"] = "-3" }, "scan", "--config", config, "--out", output);

            Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
            Assert.Contains("Fetch__MinIntervalSeconds: The field FetchOptions.MinIntervalSeconds must be between 0 and 300.", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(output, "alerts")), "no alert is written under a bad setting");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
