using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NewsWatch.Core.Delivery;

/// <summary>Registers alert delivery by email. Singletons, added with TryAdd so that tests and hosts can replace any part.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SmtpOptions"/> (flat <c>NEWSWATCH_SMTP_*</c> settings, checked at start), the composer, the MailKit
    /// sender, the delivery ledger, <see cref="AlertDeliveryService"/> and <see cref="AlertQueueDrainer"/>.
    /// </summary>
    public static IServiceCollection AddNewsWatchDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
        services.TryAddSingleton<AlertDeliveryService>();
        services.TryAddSingleton<AlertQueueDrainer>();
        return services;
    }
}
