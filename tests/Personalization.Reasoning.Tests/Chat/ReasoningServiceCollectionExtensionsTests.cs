using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Reasoning.Chat;
using Personalization.Reasoning.Offline;
using Personalization.Reasoning.Tests.Offline;
using ReasoningOptions = Personalization.Reasoning.Chat.ReasoningOptions;

namespace Personalization.Reasoning.Tests.Chat;

public sealed class ReasoningServiceCollectionExtensionsTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void AddReasoning_NoSettings_UsesTheOfflineReasonerAndNoChatClient()
    {
        using var services = Build([]);

        Assert.IsType<OfflineReasoner>(services.GetRequiredService<IReasoner>());
        Assert.Same(services.GetRequiredService<IReasoner>(), services.GetRequiredService<IQuestionAnswerer>());
        Assert.Null(services.GetService<IChatClient>());
    }

    [Theory]
    [InlineData("openai-compatible", "http://127.0.0.1:9/v1", "m", "openai-compatible:m (prompts v2)")]
    [InlineData("azure-openai", "https://example.openai.azure.com", null, "azure-openai:dep (prompts v2)")]
    [InlineData("ollama", null, "qwen2.5vl:7b", "ollama:qwen2.5vl:7b (prompts v2)")]
    public void AddReasoning_Provider_BuildsTheChatClientReasoner(string provider, string? endpoint, string? model, string name)
    {
        using var services = Build(new() { ["Reasoning:Provider"] = provider, ["Reasoning:Endpoint"] = endpoint, ["Reasoning:Model"] = model, ["Reasoning:Deployment"] = "dep", ["Reasoning:ApiKey"] = "k" });

        var reasoner = services.GetRequiredService<IReasoner>();

        Assert.IsType<ChatClientReasoner>(reasoner);
        Assert.Equal(name, reasoner.Name);
        Assert.NotNull(services.GetRequiredService<IChatClient>().GetService<BudgetChatClient>());
    }

    [Theory]
    [InlineData("gpt", null, "m", "Reasoning:Provider")]
    [InlineData("openai-compatible", null, "m", "Reasoning:Endpoint is required")]
    [InlineData("openai-compatible", "not a uri", "m", "is not an absolute URI")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", null, "Reasoning:Model is required")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", "m", "Reasoning:MaxSecondsPerImage (5) is shorter than one attempt", "Reasoning:MaxSecondsPerImage", "5")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", "m", "MaxSecondsPerImage", "Reasoning:MaxSecondsPerImage", "-1")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", "m", "Reasoning:MaxRunSeconds (10) is shorter than one attempt", "Reasoning:MaxRunSeconds", "10")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", "m", "BreakAfterFailures", "Reasoning:BreakAfterFailures", "-1")]
    [InlineData("openai-compatible", "http://localhost:8000/v1", "m", "BreakSeconds", "Reasoning:BreakSeconds", "0")]
    public void AddReasoning_BadSettings_FailValidationWithTheKey(string provider, string? endpoint, string? model, string message, string? key = null, string? value = null)
    {
        var settings = new Dictionary<string, string?> { ["Reasoning:Provider"] = provider, ["Reasoning:Endpoint"] = endpoint, ["Reasoning:Model"] = model };
        if (key is not null)
        {
            settings[key] = value;
        }

        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReasoningOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<RecognitionOptions>();
        services.AddSingleton<ITextEncoder>(miniLm.Encoder);
        services.AddSingleton<IImageResizer>(new Models.Imaging.SkiaImageResizer(new Models.Imaging.SkiaImageDecoder(Options.Create(new Models.Imaging.ImageLimits()))));
        services.AddSingleton<Core.Diagnostics.ReasoningUsage>();
        services.AddReasoning(configuration);
        return services.BuildServiceProvider();
    }
}
