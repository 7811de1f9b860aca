using Azure;
using Azure.Core;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalization.Core.Ports;

namespace Personalization.Azure.Search;

public static class SearchHostExtensions
{
    /// <summary>Azure AI Search as the concept and image index, when <c>Search:Endpoint</c> is set; otherwise nothing.</summary>
    public static IHostApplicationBuilder AddAzureSearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[$"{SearchServiceOptions.SectionName}:Endpoint"]))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<SearchServiceOptions>().BindConfiguration(SearchServiceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SearchServiceOptions>>().Value);
        services.AddSingleton(sp => CreateIndexClient(sp.GetRequiredService<SearchServiceOptions>(), sp.GetRequiredService<TokenCredential>()));
        // Replacing the embedded indexes whether AddPersonalization ran before or runs after.
        services.RemoveAll<IConceptIndex>().AddSingleton<IConceptIndex>(sp => new AzureSearchConceptIndex(
            sp.GetRequiredService<SearchIndexClient>().GetSearchClient(sp.GetRequiredService<SearchServiceOptions>().ConceptIndex), sp.GetRequiredService<SearchServiceOptions>()));
        services.RemoveAll<IImageIndex>().AddSingleton<IImageIndex>(sp => new AzureSearchImageIndex(
            sp.GetRequiredService<SearchIndexClient>().GetSearchClient(sp.GetRequiredService<SearchServiceOptions>().ImageIndex), sp.GetRequiredService<SearchServiceOptions>()));
        services.AddHostedService<SearchIndexInitializer>();
        return builder;
    }

    /// <summary>The index client: an API key when one is set (local development), else the token credential.</summary>
    public static SearchIndexClient CreateIndexClient(SearchServiceOptions options, TokenCredential credential, SearchClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clientOptions ??= new SearchClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Search:Endpoint is not set");
        return string.IsNullOrEmpty(options.ApiKey)
            ? new SearchIndexClient(endpoint, credential, clientOptions)
            : new SearchIndexClient(endpoint, new AzureKeyCredential(options.ApiKey), clientOptions);
    }
}
