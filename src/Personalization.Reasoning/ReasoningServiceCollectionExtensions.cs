using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Reasoning.Chat;
using Personalization.Reasoning.Offline;
using ReasoningOptions = Personalization.Reasoning.Chat.ReasoningOptions;

namespace Personalization.Reasoning;

public static class ReasoningServiceCollectionExtensions
{
    /// <summary>The offline reasoner (no VLM): the default.</summary>
    public static IServiceCollection AddOfflineReasoner(this IServiceCollection services)
    {
        services.TryAddSingleton<OfflineReasoner>();
        services.TryAddSingleton<IReasoner>(sp => sp.GetRequiredService<OfflineReasoner>());
        services.TryAddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<OfflineReasoner>());
        services.TryAddSingleton<Core.Preference.IPreferenceJudge, Core.Preference.OfflinePreferenceJudge>();
        return services;
    }

    /// <summary>
    /// The reasoner chosen by the <c>Reasoning</c> section: the offline reasoner when <c>Reasoning:Provider</c> is
    /// <c>offline</c> (the default); otherwise <see cref="IChatClient"/> over the provider's SDK (logging, the run's
    /// budget, default options; one HTTP retry/timeout/concurrency policy beneath) with the offline reasoner as
    /// the per-item fallback. Needs an <see cref="IImageResizer"/> (the ONNX models project registers one).
    /// </summary>
    public static IServiceCollection AddReasoning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ReasoningOptions.SectionName);
        services.AddOptions<ReasoningOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        // The composition root decides once which graph to build; services still read IOptions.
        if ((section.Get<ReasoningOptions>() ?? new ReasoningOptions()).IsOffline)
        {
            return services.AddOfflineReasoner();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ReasoningTransport.Default);
        services.TryAddSingleton<OfflineReasoner>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ReasoningOptions>>().Value;
            return new ReasoningBudget(o.MaxCalls, o.MaxTokens, TimeSpan.FromSeconds(o.MaxRunSeconds), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new ImageTimeBudget(sp.GetRequiredService<IOptions<ReasoningOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ReasoningHttp(
            sp.GetRequiredService<IOptions<ReasoningOptions>>().Value,
            sp.GetRequiredService<ReasoningTransport>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        services.AddChatClient(sp => ProviderChatClients.Create(sp.GetRequiredService<IOptions<ReasoningOptions>>().Value, sp.GetRequiredService<ReasoningHttp>().Client))
            .UseLogging()
            .UseReasoningBudget();
        services.TryAddSingleton<ChatClientReasoner>();
        services.TryAddSingleton<IReasoner>(sp => sp.GetRequiredService<ChatClientReasoner>());
        services.TryAddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<ChatClientReasoner>());
        services.TryAddSingleton<Core.Preference.IPreferenceJudge>(sp => sp.GetRequiredService<ChatClientReasoner>());
        return services;
    }
}
