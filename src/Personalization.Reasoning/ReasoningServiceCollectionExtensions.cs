using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Core.Ports;
using Personalization.Reasoning.Offline;

namespace Personalization.Reasoning;

public static class ReasoningServiceCollectionExtensions
{
    /// <summary>The offline reasoner (no VLM): the default.</summary>
    public static IServiceCollection AddOfflineReasoner(this IServiceCollection services)
    {
        services.TryAddSingleton<IReasoner, OfflineReasoner>();
        return services;
    }
}
