using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NewsWatch.Core.Stories;

/// <summary>Registers the story index (it needs an <see cref="State.IStateStore"/>, which the storage registration adds).</summary>
public static class StoryServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IStoryIndex"/> over the state store.</summary>
    public static IServiceCollection AddStories(this IServiceCollection services)
    {
        services.TryAddSingleton<IStoryIndex, StoryIndex>();
        return services;
    }
}
