using System.Text.Json;
using Personalization.TestSupport;
using Personalization.TestSupport.Vlm;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// The whole chain through the CLI with a VLM: enrol with fingerprints → recognise with reasoning, verification
/// and pairwise → best-of-N captions, and a question, through the real OpenAI and Azure OpenAI clients against
/// the loopback server (configured with <c>--set Reasoning:…</c>, as a user would with environment variables).
/// </summary>
public sealed class VlmEndToEndTests
{
    private const string GoodCaption =
        "<dog> the corgi stands on a stone path in a sunny garden, ears up and looking straight at the camera, with green shrubs and a low brick wall behind.";

    [SharedTheory]
    [InlineData("openai-compatible")]
    [InlineData("azure-openai")]
    public async Task EnrollRecognizeAsk_WithAVlm_RunsEveryStageAndKeepsTheEvidence(string provider)
    {
        await using var server = await FakeVlmServer.StartAsync();
        server
            .OnTask("Task: fingerprint", VlmReply.Json("{\"description\": \"scripted\", \"attributes\": [\"white chest\", \"pointed ears\", \"short legs\"]}"))
            .OnTask("Task: attribute-focused reasoning", VlmReply.Json("{\"candidates\": [], \"best\": null, \"rationale\": \"cannot tell them apart\"}"))
            .On(r => r.SystemPrompt.Contains("Task: same-object check", StringComparison.Ordinal) && r.UserText.Contains("\"name\": \"dog\"", StringComparison.Ordinal), VlmReply.YesNo(true, -0.05, -3.5))
            .OnTask("Task: same-object check", VlmReply.YesNo(false, -3.2, -0.04))
            .OnTask("Task: personalised caption", VlmReply.Json("{\"caption\": \"<dog> outside.\"}"), VlmReply.Json($"{{\"caption\": \"{GoodCaption}\"}}"))
            .OnTask("Task: answer the user's question", VlmReply.Json("{\"answer\": \"<dog> is standing in a garden.\", \"concepts\": [\"dog\"]}"));
        string[] settings =
        [
            "--set", $"Reasoning:Provider={provider}",
            "--set", $"Reasoning:Endpoint={(provider == "azure-openai" ? server.BaseUri.ToString() : new Uri(server.BaseUri, "/v1").ToString())}",
            "--set", "Reasoning:Model=scripted-vlm",
            "--set", "Reasoning:ApiKey=test-key",
            "--set", "Reasoning:CaptionCandidates=2",
        ];
        using var cli = new CliRun();

        foreach (var (name, category) in new[] { ("dog", "dog"), ("teapot", "teapot") })
        {
            var (exit, output, error) = await cli.RunAsync([.. settings, "enroll", "--owner", "alice", "--name", name, "--category", category, CliRun.DreamBooth(name, "00.jpg")]);
            Assert.True(exit == 0, error);
            // The VLM's fingerprint, shown apart from the user's words as derived attributes.
            Assert.All(new[] { "white chest", "pointed ears", "short legs" }, a => Assert.Contains($"{a} (", output, StringComparison.Ordinal));
        }

        var (code, _, err) = await cli.RunAsync([.. settings, "recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("dog", "01.jpg")]);
        Assert.True(code == 0, err);
        var result = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(cli.OutDirectory, "results"), "*.json").Single())).RootElement;
        Assert.Equal("dog", result.GetProperty("concept").GetString());
        Assert.Equal("pairwise", result.GetProperty("stage").GetString());
        Assert.Equal(GoodCaption, result.GetProperty("caption").GetString());
        Assert.Equal(1.0, result.GetProperty("caption_reward").GetDouble());
        var trace = result.GetProperty("trace");
        Assert.StartsWith($"{provider}:scripted-vlm", trace.GetProperty("reasoning").GetProperty("rationale").GetString(), StringComparison.Ordinal);
        Assert.True(trace.GetProperty("verification").GetArrayLength() >= 1);
        Assert.All(trace.GetProperty("pairwise").EnumerateArray(), p => Assert.Contains("from log-probabilities", p.GetProperty("evidence").GetString(), StringComparison.Ordinal));

        var (askExit, answer, askError) = await cli.RunAsync([.. settings, "ask", "--owner", "alice", CliRun.DreamBooth("dog", "02.jpg"), "What is dog doing?"]);
        Assert.True(askExit == 0, askError);
        Assert.Contains("<dog> is standing in a garden.", answer, StringComparison.Ordinal);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count(r => r.SystemPrompt.Contains("Task: fingerprint", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.SystemPrompt.Contains("Task: attribute-focused reasoning", StringComparison.Ordinal));
        var pairs = requests.Where(r => r.SystemPrompt.Contains("Task: same-object check", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.RequestedLogProbs && p.Images.Count == 2));
        Assert.Equal(2, requests.Count(r => r.SystemPrompt.Contains("Task: personalised caption", StringComparison.Ordinal)));
        Assert.All(requests, r => Assert.NotEmpty(r.Images));
        if (provider == "azure-openai")
        {
            Assert.All(requests, r => Assert.Equal("/openai/deployments/scripted-vlm/chat/completions", r.Path));
        }
    }
}
