using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.Fetching;

namespace NewsWatch.Core.Delivery;

/// <summary>Registers alert delivery by email. Singletons, added with TryAdd so that tests and hosts can replace any part.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SmtpOptions"/> (flat <c>NEWSWATCH_SMTP_*</c> settings, checked at start), <see cref="OutageOptions"/>
    /// (<c>NEWSWATCH_OUTAGE_*</c>), the composer, the MailKit
    /// sender, the delivery ledger, <see cref="AlertDeliveryService"/> and <see cref="AlertQueueDrainer"/>.
    /// </summary>
    public static IServiceCollection AddNewsWatchDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, Configuration.SmtpOptionsValidator>());
        services.AddOptions<OutageOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutageOptions>, Configuration.OutageOptionsValidator>());
        services.AddOptions<UnsubscribeOptions>().Bind(configuration);
        services.TryAddSingleton<UnsubscribeTokens>();
        services.TryAddSingleton<OptOutStore>();
        services.TryAddSingleton<UnsubscribeHandler>();
        services.TryAddSingleton<DigestInbox>();
        services.TryAddSingleton<DeliveryBudget>();
        services.TryAddSingleton<DigestComposer>();
        services.TryAddSingleton<DigestService>();
        services.TryAddSingleton<IOperatorNotifier, EmailOperatorNotifier>();
        services.TryAddSingleton<AlertEmailComposer>();
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.TryAddSingleton<DeliveryLedger>();
        AddChannels(services, configuration);
        services.TryAddSingleton<AlertDeliveryService>();
        services.TryAddSingleton<AlertQueueDrainer>();
        return services;
    }

    /// <summary>
    /// Webhook, Teams and Slack posts: <see cref="ChannelOptions"/> (flat <c>NEWSWATCH_CHANNEL_*</c> settings, checked at
    /// start), the named client <see cref="ChannelSender.HttpClientName"/> behind the private-network guard of page
    /// fetches (<c>NEWSWATCH_ALLOW_PRIVATE_NETWORKS</c>, read by the fetching registration) with its retry pipeline, the
    /// sender and the dispatcher.
    /// </summary>
    private static void AddChannels(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelOptions>, Configuration.ChannelOptionsValidator>());
        services.TryAddSingleton(new ChannelSecrets(configuration));
        services.TryAddSingleton<ChannelSender>();
        services.TryAddSingleton<ChannelDispatcher>();
        services.AddHttpClient(ChannelSender.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .AddPrivateNetworkGuard()
            .AddResilienceHandler(ChannelResilience.HandlerName, static (builder, context) => ChannelResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<ChannelOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
    }
}
