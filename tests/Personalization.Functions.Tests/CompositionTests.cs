using Microsoft.Extensions.DependencyInjection;
using Personalization.Core.Ports;
using Personalization.Reasoning.Offline;
using Personalization.TestSupport;

namespace Personalization.Functions.Tests;

/// <summary>
/// The Functions app is composed as the CLI is (AddPersonalization): its Reasoning__* settings choose the reasoner, where
/// it used to be wired to the offline one whatever the settings said (issue 10).
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
    public async Task NoReasoningSettings_IsTheOfflineReasoner()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.IsType<OfflineReasoner>(app.Services.GetRequiredService<IReasoner>());
    }
}
