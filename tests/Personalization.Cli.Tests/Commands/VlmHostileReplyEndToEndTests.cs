using System.Text.Json;
using Personalization.TestSupport;
using Personalization.TestSupport.Vlm;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// Issue 12, items 5 and 9, through the CLI and the real OpenAI client against the loopback server: a VLM whose
/// every reply is not a chat completion makes no command crash (each item is answered offline), and a caption
/// naming a concept the owner does not have never reaches the result or the report.
/// </summary>
public sealed class VlmHostileReplyEndToEndTests
{
    [SharedFact]
    public async Task EnrollRecognizeAsk_EveryReplyIsNotJson_EachCommandSucceedsOnTheOfflineReasoner()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.On(_ => true, VlmReply.RawBody("this is not json"));
        using var cli = new CliRun();
        var settings = Settings(server);

        var (enrolExit, _, enrolError) = await cli.RunAsync([.. settings, "enroll", "--owner", "alice", "--name", "dog", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg")]);
        var (recognizeExit, _, recognizeError) = await cli.RunAsync([.. settings, "recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("dog", "01.jpg")]);
        var (askExit, answer, askError) = await cli.RunAsync([.. settings, "ask", "--owner", "alice", CliRun.DreamBooth("dog", "02.jpg"), "What is dog doing?"]);

        Assert.True(enrolExit == 0, enrolError);
        Assert.True(recognizeExit == 0, recognizeError);
        Assert.True(askExit == 0, askError);
        Assert.DoesNotContain("Exception", enrolError + recognizeError + askError, StringComparison.Ordinal);
        var trace = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(cli.OutDirectory, "results"), "*.json").Single())).RootElement.GetProperty("trace");
        Assert.StartsWith("offline fallback (model unavailable:", trace.GetProperty("caption_source").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(answer);
        Assert.NotEmpty(server.Requests);
    }

    [SharedFact]
    public async Task Recognize_CaptionNamesAConceptTheOwnerDoesNotHave_ResultAndReportKeepTheOfflineCaptionAndSaySo()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server
            .OnTask("Task: fingerprint", VlmReply.Json("{\"description\": \"scripted\", \"attributes\": [\"white chest\", \"pointed ears\", \"short legs\"]}"))
            .OnTask("Task: attribute-focused reasoning", VlmReply.Json("{\"candidates\": [{\"name\": \"dog\", \"visible\": [\"white chest\"]}], \"best\": \"dog\", \"rationale\": \"white chest\"}"))
            .OnTask("Task: same-object check", VlmReply.YesNo(true, -0.05, -3.5))
            .OnTask("Task: personalised caption", VlmReply.Json("{\"caption\": \"<dog> the corgi stands on a stone path in a sunny garden next to <bobsecret>, ears up and looking straight at the camera, with green shrubs behind.\"}"));
        using var cli = new CliRun();
        var settings = Settings(server);

        var (enrolExit, _, enrolError) = await cli.RunAsync([.. settings, "enroll", "--owner", "alice", "--name", "dog", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg")]);
        var (exit, _, error) = await cli.RunAsync([.. settings, "recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("dog", "01.jpg")]);

        Assert.True(enrolExit == 0, enrolError);
        Assert.True(exit == 0, error);
        var result = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(cli.OutDirectory, "results"), "*.json").Single())).RootElement;
        Assert.DoesNotContain("bobsecret", result.GetProperty("caption").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("named <bobsecret>, which was not recognised in this photo", result.GetProperty("trace").GetProperty("caption_source").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bobsecret", await File.ReadAllTextAsync(Path.Combine(cli.OutDirectory, "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    private static string[] Settings(FakeVlmServer server) =>
    [
        "--set", "Reasoning:Provider=openai-compatible",
        "--set", $"Reasoning:Endpoint={new Uri(server.BaseUri, "/v1")}",
        "--set", "Reasoning:Model=scripted-vlm",
        "--set", "Reasoning:ApiKey=test-key",
        "--set", "Reasoning:MaxRetries=0",
        "--set", "Reasoning:CaptionCandidates=2",
    ];
}
