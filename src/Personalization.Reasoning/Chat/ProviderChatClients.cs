using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The provider SDK behind <see cref="IChatClient"/>, chosen by <see cref="ReasoningOptions.Provider"/>. Every
/// provider sends through the given <see cref="HttpClient"/> (so one retry/timeout/concurrency policy applies to
/// all) with its own retries switched off. The only place that names a provider SDK.
/// </summary>
internal static class ProviderChatClients
{
    public static IChatClient Create(ReasoningOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);

        // The handler times each attempt; the SDK's own network timeout only has to outlast all of them.
        var overall = TimeSpan.FromSeconds((options.TimeoutSeconds * (options.MaxRetries + 1)) + (options.MaxRetryDelaySeconds * options.MaxRetries) + 30);
        var model = options.ModelOrDeployment!;
        switch (options.Provider)
        {
            case ReasoningProviders.OpenAICompatible:
                var openAIOptions = new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.Endpoint!),
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(0),
                    NetworkTimeout = overall,
                };

                // Local servers (vLLM, llama.cpp) often need no key, but the client requires one.
                var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey);
                return new OpenAIClient(key, openAIOptions).GetChatClient(model).AsIChatClient();

            case ReasoningProviders.AzureOpenAI:
                var azureOptions = new AzureOpenAIClientOptions
                {
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(0),
                    NetworkTimeout = overall,
                };
                var endpoint = new Uri(options.Endpoint!);
                var azure = string.IsNullOrEmpty(options.ApiKey)
                    ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azureOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
                return azure.GetChatClient(model).AsIChatClient();

            case ReasoningProviders.Ollama:
                http.BaseAddress = new Uri(string.IsNullOrWhiteSpace(options.Endpoint) ? "http://localhost:11434" : options.Endpoint);
                return new OllamaApiClient(http, model);

            default:
                throw new InvalidOperationException($"Reasoning:Provider '{options.Provider}' has no chat client");
        }
    }
}
