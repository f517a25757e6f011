using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class SmtpOptionsTests
{
    [Fact]
    public void Bind_FlatSettings_AreRead()
    {
        var options = Options(new()
        {
            ["NEWSWATCH_SMTP_HOST"] = "127.0.0.1",
            ["NEWSWATCH_SMTP_PORT"] = "2525",
            ["NEWSWATCH_SMTP_TLS"] = "none",
            ["NEWSWATCH_SMTP_USER"] = "u",
            ["NEWSWATCH_SMTP_PASSWORD"] = "p",
            ["NEWSWATCH_SMTP_FROM"] = "a@example.org",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:01",
        });

        Assert.Equal(("127.0.0.1", 2525, "none", "u", "p", "a@example.org"), (options.Host, options.Port, options.Tls, options.User, options.Password, options.From));
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public void Bind_EmptySettings_AreUnsetAndValid()
    {
        var options = Options(new()
        {
            ["NEWSWATCH_SMTP_HOST"] = "",
            ["NEWSWATCH_SMTP_TLS"] = "",
            ["NEWSWATCH_SMTP_FROM"] = "",
            ["NEWSWATCH_SMTP_PASSWORD"] = "",
        });

        Assert.True(string.IsNullOrEmpty(options.Host));
        Assert.Null(options.Port);
    }

    [Fact]
    public void Validate_WrongSettings_FailWithEveryMessage()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(new()
        {
            ["NEWSWATCH_SMTP_PORT"] = "70000",
            ["NEWSWATCH_SMTP_TLS"] = "tls",
            ["NEWSWATCH_SMTP_FROM"] = "not an address",
        }));

        Assert.Equal(3, ex.Failures.Count());
    }

    private static SmtpOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddNewsWatchDelivery(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }
}
