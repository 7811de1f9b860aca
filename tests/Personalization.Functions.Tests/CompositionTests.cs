using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Azure;
using Personalization.Core.Ports;
using Personalization.Core.Preference;
using Personalization.Hosting;
using Personalization.Reasoning.Offline;
using Personalization.TestSupport;

namespace Personalization.Functions.Tests;

/// <summary>
/// The Functions app is composed as the CLI is (AddPersonalization, through the app's own <c>AddFunctionsApp</c>): its
/// Reasoning__* settings choose the reasoner, where it used to be wired to the offline one whatever the settings said,
/// and which registration wins no longer depends on the order the host calls the extensions in (issue 10).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CompositionTests(SharedAzurite azurite)
{
    [AzuriteFact]
    public async Task ReasoningSettings_ChooseTheVlm_AsInTheCli()
    {
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Reasoning:Provider"] = "openai-compatible",
            ["Reasoning:Endpoint"] = "http://127.0.0.1:1/v1",
            ["Reasoning:Model"] = "m",
            ["Reasoning:ApiKey"] = "k",
        });

        // The VLM reasoner (an internal type of Personalization.Reasoning), with the offline one only as its fallback.
        Assert.Equal("ChatClientReasoner", app.Services.GetRequiredService<IReasoner>().GetType().Name);
    }

    [AzuriteFact]
    public async Task ReasoningAppSettings_WithDoubleUnderscores_ChooseTheVlm()
    {
        // App settings reach the Functions worker as environment variables, Reasoning__Provider for Reasoning:Provider.
        using var environment = new ScopedEnvironment(new Dictionary<string, string>
        {
            ["Reasoning__Provider"] = "openai-compatible",
            ["Reasoning__Endpoint"] = "http://127.0.0.1:1/v1",
            ["Reasoning__Model"] = "m",
            ["Reasoning__ApiKey"] = "k",
        });
        await using var app = await FunctionsApp.StartAsync(azurite, environmentPrefix: environment.Prefix);

        Assert.Equal("ChatClientReasoner", app.Services.GetRequiredService<IReasoner>().GetType().Name);
    }

    [AzuriteFact]
    public async Task NoReasoningSettings_IsTheOfflineReasoner()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.IsType<OfflineReasoner>(app.Services.GetRequiredService<IReasoner>());
    }

    [Fact]
    public void AdaptersAndDefaults_InEitherOrder_GiveTheSameServices()
    {
        var adaptersFirst = Compose(b => b.AddAzureWorkflow().AddPersonalization());
        var defaultsFirst = Compose(b => b.AddPersonalization().AddAzureWorkflow());
        var functions = Compose(b => b.AddFunctionsApp());

        Assert.Equal(Registrations(adaptersFirst), Registrations(defaultsFirst));
        Assert.Equal(Registrations(adaptersFirst), Registrations(functions));
        foreach (var services in new[] { adaptersFirst, defaultsFirst, functions })
        {
            // One registration per port, the cloud's: the embedded defaults are gone, not merely shadowed.
            Assert.Single(services, d => d.ServiceType == typeof(IImageAnalysisStore));
            Assert.Single(services, d => d.ServiceType == typeof(IPreferenceProfileStore));
            using var provider = services.BuildServiceProvider();
            Assert.Equal("CachingImageAnalysisStore", provider.GetRequiredService<IImageAnalysisStore>().GetType().Name);
            Assert.Equal("BlobPreferenceProfileStore", provider.GetRequiredService<IPreferenceProfileStore>().GetType().Name);
        }
    }

    [Fact]
    public void SearchSettings_ReplaceTheEmbeddedIndexes_InEitherOrder()
    {
        var search = new Dictionary<string, string?> { ["Search:Endpoint"] = "https://127.0.0.1:1", ["Search:ApiKey"] = "k" };
        var adaptersFirst = Compose(b => b.AddAzureWorkflow().AddPersonalization(), search);
        var defaultsFirst = Compose(b => b.AddPersonalization().AddAzureWorkflow(), search);

        Assert.Equal(Registrations(adaptersFirst), Registrations(defaultsFirst));
        foreach (var services in new[] { adaptersFirst, defaultsFirst })
        {
            Assert.Single(services, d => d.ServiceType == typeof(IConceptIndex));
            Assert.Single(services, d => d.ServiceType == typeof(IImageIndex));
            using var provider = services.BuildServiceProvider();
            Assert.Equal("AzureSearchConceptIndex", provider.GetRequiredService<IConceptIndex>().GetType().Name);
            Assert.Equal("AzureSearchImageIndex", provider.GetRequiredService<IImageIndex>().GetType().Name);
        }
    }

    [Fact]
    public void AddPersonalization_Twice_RegistersOnce()
    {
        var once = Compose(b => b.AddPersonalization());
        var twice = Compose(b => b.AddPersonalization().AddPersonalization());

        Assert.Equal(once.Count, twice.Count);
    }

    private static IServiceCollection Compose(Func<IHostApplicationBuilder, IHostApplicationBuilder> compose, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["LocalData:Directory"] = Path.Combine(Path.GetTempPath(), "composition-tests-unused"),
        });
        builder.Configuration.AddInMemoryCollection(extra ?? new Dictionary<string, string?>());
        compose(builder);
        return builder.Services;
    }

    /// <summary>
    /// Each service type with its registrations; for a service resolved alone (not a collection such as options setups or
    /// hosted services, where every registration counts) which one a resolve gets, the last.
    /// </summary>
    private static List<string> Registrations(IServiceCollection services) =>
    [
        .. services
            .GroupBy(d => d.ServiceType)
            .Select(g => $"{g.Key.FullName}: {string.Join(", ", g.Select(Implementation).Order(StringComparer.Ordinal))}" +
                (IsCollection(g.Key) ? "" : $" -> {Implementation(g.Last())}"))
            .Order(StringComparer.Ordinal),
    ];

    private static bool IsCollection(Type service) =>
        service == typeof(IHostedService) || service.Namespace == "Microsoft.Extensions.Options" || service.Name.Contains("Validator", StringComparison.Ordinal);

    private static string Implementation(ServiceDescriptor d) =>
        d.ImplementationType?.FullName
        ?? d.ImplementationInstance?.GetType().FullName
        ?? (d.ImplementationFactory is { } f ? $"{f.Method.DeclaringType?.FullName}.{f.Method.Name}" : "?");
}
