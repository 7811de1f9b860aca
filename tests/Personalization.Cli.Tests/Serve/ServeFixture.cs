using System.Net.Http.Json;
using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// One <c>personalize serve</c> for a test class (loading the models once): alice has enrolled <c>dog</c> from a DreamBooth
/// photo with a box and had another photo of the dog recognised (<c>up/dog1.jpg</c>). Nothing is started without ../shared.
/// </summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public const string Alice = "alice";
    public const string AlicePhoto = "up/dog1.jpg";
    private ServeProcess? _serve;

    public Uri BaseUri => Serve.BaseUri;

    public string DataDirectory => Serve.DataDirectory;

    public string AliceJob { get; private set; } = string.Empty;

    public string AliceReference { get; private set; } = string.Empty;

    internal ServeProcess Serve => _serve ?? throw new InvalidOperationException("serve was not started (../shared is missing)");

    public static string DreamBooth(string subject, string file) => Path.Combine(SharedData.DreamBoothDirectory, subject, file);

    public HttpClient Client() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(3) };

    public async Task InitializeAsync()
    {
        if (!SharedData.IsAvailable)
        {
            return;
        }

        _serve = await ServeProcess.StartAsync(Directory.CreateTempSubdirectory("serve-tests-").FullName);
        using var client = Client();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(DreamBooth("dog", "00.jpg"))), "file", "dog.jpg" },
            { new StringContent("64,64,512,512"), "box" },
            { new StringContent("dog"), "category" },
        };
        (await client.PostAsync($"api/owners/{Alice}/concepts/dog", form)).EnsureSuccessStatusCode();
        var concepts = await client.GetFromJsonAsync<JsonElement>($"api/owners/{Alice}/concepts");
        AliceReference = concepts[0].GetProperty("photos")[0].GetProperty("content_hash").GetString()!;
        var submitted = await client.PostAsync($"api/owners/{Alice}/images/{AlicePhoto}", new ByteArrayContent(await File.ReadAllBytesAsync(DreamBooth("dog", "01.jpg"))));
        submitted.EnsureSuccessStatusCode();
        AliceJob = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instance_id").GetString()!;
        Assert.Equal("Completed", await WaitForJobAsync(client, Alice, AliceJob));
    }

    /// <summary>Polls the job's status until it is done (a condition, with a failure deadline) and returns the final status.</summary>
    public static async Task<string> WaitForJobAsync(HttpClient client, string owner, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"api/owners/{owner}/jobs/{instanceId}", deadline.Token);
            var status = job.GetProperty("status").GetString()!;
            if (status is "Completed" or "Failed")
            {
                return status;
            }

            await Task.Delay(100, deadline.Token); // the poll interval; the wait ends on the status, not on time
        }
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
            Directory.Delete(_serve.DataDirectory, recursive: true);
        }
    }
}
