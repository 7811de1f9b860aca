using System.ComponentModel.DataAnnotations;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// Which reasoner runs and how it talks to a VLM (configuration section <c>Reasoning</c>, e.g.
/// <c>Reasoning__Provider=openai-compatible</c>). <c>offline</c> (the default) needs nothing else.
/// </summary>
public sealed class ReasoningOptions : IValidatableObject
{
    public const string SectionName = "Reasoning";

    /// <summary><c>offline</c>, <c>openai-compatible</c>, <c>azure-openai</c> or <c>ollama</c>.</summary>
    [Required]
    [AllowedValues(
        ReasoningProviders.Offline, ReasoningProviders.OpenAICompatible, ReasoningProviders.AzureOpenAI, ReasoningProviders.Ollama,
        ErrorMessage = "Reasoning:Provider must be offline, openai-compatible, azure-openai or ollama")]
    public string Provider { get; set; } = ReasoningProviders.Offline;

    /// <summary>The server: <c>https://api.openai.com/v1</c>, <c>http://localhost:8000/v1</c> (vLLM),
    /// <c>https://NAME.openai.azure.com</c>, <c>http://localhost:11434</c> (Ollama, the default for it).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model id (<c>gpt-4o</c>, <c>Qwen/Qwen2.5-VL-7B-Instruct</c>, <c>qwen2.5vl:7b</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI's deployment name; <see cref="Model"/> is used when this is empty.</summary>
    public string? Deployment { get; set; }

    /// <summary>The API key. For Azure OpenAI, leave it empty to sign in with DefaultAzureCredential.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest side, in pixels, of the JPEGs sent to the model.</summary>
    [Range(64, 4096)]
    public int ImageSize { get; set; } = 512;

    /// <summary>One HTTP attempt may take this long before it is abandoned (and retried).</summary>
    [Range(0.05, 3600)]
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries after a timeout, a network error, 408, 429 or 5xx.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff step; it doubles per retry, with full jitter, unless the server sends Retry-After.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>No wait between attempts is longer than this, whatever Retry-After says.</summary>
    [Range(0, 600)]
    public double MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>HTTP requests in flight at once (pairwise comparisons fan out up to this).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Model calls allowed per run (one CLI command); 0 = no limit. Over budget, stages fall back to offline.</summary>
    [Range(0, int.MaxValue)]
    public int MaxCalls { get; set; }

    /// <summary>Tokens (input + output) allowed per run; 0 = no limit.</summary>
    [Range(0, long.MaxValue)]
    public long MaxTokens { get; set; }

    /// <summary>
    /// Wall-clock seconds the model may spend on one image (all its stages, retries and waits included), from the
    /// image's first call; after that the image's remaining stages are answered offline. 0 = no limit.
    /// </summary>
    [Range(0, 86_400)]
    public double MaxSecondsPerImage { get; set; } = 300;

    /// <summary>Wall-clock seconds the model may be used per run (one CLI command, one worker process); 0 = no limit.</summary>
    [Range(0, 31_536_000)]
    public double MaxRunSeconds { get; set; }

    /// <summary>
    /// Circuit breaker: after this many model calls in a row failed (unreachable, timed out, 5xx or unusable after
    /// every retry), stop calling it for <see cref="BreakSeconds"/> and answer offline meanwhile; 0 = never.
    /// </summary>
    [Range(0, 1000)]
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long the breaker stays open before one call tries the model again.</summary>
    [Range(1, 86_400)]
    public double BreakSeconds { get; set; } = 60;

    /// <summary>Most tokens one answer may have.</summary>
    [Range(16, 16_384)]
    public int MaxOutputTokens { get; set; } = 800;

    /// <summary>Sampling temperature of the judging stages (fingerprint, reasoning, pairwise, answer).</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; }

    /// <summary>Caption candidates generated (best-of-N by the identity reward, then by closeness to the target length).</summary>
    [Range(1, 10)]
    public int CaptionCandidates { get; set; } = 3;

    /// <summary>Sampling temperature of the second and later caption candidates (the first uses <see cref="Temperature"/>).</summary>
    [Range(0.0, 2.0)]
    public double CaptionTemperature { get; set; } = 0.7;

    /// <summary>The caption length (characters) preferred among equally rewarded candidates.</summary>
    [Range(100, 4000)]
    public int CaptionTargetLength { get; set; } = 220;

    /// <summary>Alternatives asked for per token; the pairwise stage reads P(Yes) and P(No) from them.</summary>
    [Range(1, 20)]
    public int TopLogProbabilities { get; set; } = 5;

    /// <summary>
    /// Pairwise probability when the provider returns no log-probabilities (Ollama, some servers): a parsed Yes
    /// counts as this, a No as 1 − this. Fixed, so a run without log-probabilities is still deterministic.
    /// </summary>
    [Range(0.5, 1.0)]
    public double AnswerConfidence { get; set; } = 0.9;

    public bool IsOffline => Provider == ReasoningProviders.Offline;

    /// <summary>The model the requests name: the deployment for Azure OpenAI, else the model.</summary>
    public string? ModelOrDeployment => Provider == ReasoningProviders.AzureOpenAI && !string.IsNullOrWhiteSpace(Deployment) ? Deployment : Model;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsOffline)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ModelOrDeployment))
        {
            yield return new ValidationResult(
                $"Reasoning:{(Provider == ReasoningProviders.AzureOpenAI ? "Deployment" : "Model")} is required when Reasoning:Provider is {Provider}",
                [nameof(Model)]);
        }

        if (Provider != ReasoningProviders.Ollama && string.IsNullOrWhiteSpace(Endpoint))
        {
            yield return new ValidationResult($"Reasoning:Endpoint is required when Reasoning:Provider is {Provider}", [nameof(Endpoint)]);
        }

        if (MaxSecondsPerImage > 0 && MaxSecondsPerImage < TimeoutSeconds)
        {
            yield return new ValidationResult(
                $"Reasoning:MaxSecondsPerImage ({MaxSecondsPerImage}) is shorter than one attempt (Reasoning:TimeoutSeconds {TimeoutSeconds}); use 0 for no limit",
                [nameof(MaxSecondsPerImage)]);
        }

        if (MaxRunSeconds > 0 && MaxRunSeconds < TimeoutSeconds)
        {
            yield return new ValidationResult(
                $"Reasoning:MaxRunSeconds ({MaxRunSeconds}) is shorter than one attempt (Reasoning:TimeoutSeconds {TimeoutSeconds}); use 0 for no limit",
                [nameof(MaxRunSeconds)]);
        }

        if (!string.IsNullOrWhiteSpace(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"Reasoning:Endpoint '{Endpoint}' is not an absolute URI", [nameof(Endpoint)]);
        }
    }
}
