using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsWatch.Core.Delivery;

/// <summary>Registers alert delivery: PLACEHOLDER, replaced by the email delivery.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Adds the delivery services.</summary>
    public static IServiceCollection AddNewsWatchDelivery(this IServiceCollection services, IConfiguration configuration) => services;
}
