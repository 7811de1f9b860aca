namespace Personalization.Reasoning.Chat;

/// <summary>The values of <c>Reasoning:Provider</c>.</summary>
public static class ReasoningProviders
{
    /// <summary>No VLM: deterministic rules over encoder scores (the default).</summary>
    public const string Offline = "offline";

    /// <summary>Any server speaking OpenAI's chat-completions API: OpenAI, vLLM, llama.cpp, LM Studio.</summary>
    public const string OpenAICompatible = "openai-compatible";

    /// <summary>An Azure OpenAI deployment, with a key or DefaultAzureCredential.</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>An Ollama server (its own API).</summary>
    public const string Ollama = "ollama";
}
