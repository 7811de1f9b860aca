using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// <c>personalize serve</c> over a real Kestrel on a free port: the Functions app's API (same handlers and routes) over the
/// embedded defaults, scoped to the route's owner, refusing bad uploads, paths outside the owner and cross-origin changes.
/// </summary>
public sealed class ServeCommandTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Bob = "bob";

    [SharedFact]
    public async Task EveryRoute_AnotherOwner_SeesNothingOfAlices()
    {
        using var client = serve.Client();

        Assert.Equal("[]", await client.GetStringAsync($"api/owners/{Bob}/concepts"));
        Assert.Equal("[]", await client.GetStringAsync($"api/owners/{Bob}/gallery"));
        Assert.Equal("[]", await client.GetStringAsync($"api/owners/{Bob}/concepts/dog/photos"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/owners/{Bob}/results/{ServeFixture.AlicePhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/owners/{Bob}/photos/{ServeFixture.AlicePhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/owners/{Bob}/jobs/{serve.AliceJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/owners/{Bob}/references/{serve.AliceReference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"api/owners/{Bob}/concepts/dog")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"api/owners/{Bob}/concepts/dog/confirm", Json(new { image = ServeFixture.AlicePhoto }))).StatusCode);

        // ...while alice sees hers, through the same routes.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/owners/{ServeFixture.Alice}/photos/{ServeFixture.AlicePhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/owners/{ServeFixture.Alice}/references/{serve.AliceReference}")).StatusCode);
        Assert.Equal("Completed", (await client.GetFromJsonAsync<JsonElement>($"api/owners/{ServeFixture.Alice}/jobs/{serve.AliceJob}")).GetProperty("status").GetString());
    }

    [SharedTheory]
    [InlineData("..%2F..%2Fconcepts.json")]
    [InlineData("up/..%2F..%2F..%2Fbob%2Fx.jpg")]
    [InlineData("..%5C..%5Cx.jpg")]
    public async Task ImagePaths_OutsideTheOwnersFolder_Are400AndReachNoFile(string path)
    {
        using var client = serve.Client();
        var before = Files(serve.DataDirectory);

        var submit = await client.PostAsync($"api/owners/{ServeFixture.Alice}/images/{path}", new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]));
        var photo = await client.GetAsync($"api/owners/{ServeFixture.Alice}/photos/{path}");
        var result = await client.GetAsync($"api/owners/{ServeFixture.Alice}/results/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, photo.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, result.StatusCode);
        Assert.Contains("\"error\"", await submit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Files(serve.DataDirectory));
    }

    [SharedFact]
    public async Task Uploads_TooLargeEmptyOrNotAForm_AreRefusedBeforeAnythingIsStored()
    {
        using var client = serve.Client();
        var before = Files(serve.DataDirectory);

        var tooLarge = await client.PostAsync($"api/owners/{ServeFixture.Alice}/images/big.jpg", new ByteArrayContent(new byte[(30 * 1024 * 1024) + 1]));
        var empty = await client.PostAsync($"api/owners/{ServeFixture.Alice}/images/empty.jpg", new ByteArrayContent([]));
        var notForm = await client.PostAsync($"api/owners/{ServeFixture.Alice}/concepts/cat", Json(new { file = "x" }));
        var badName = await client.PostAsync($"api/owners/{ServeFixture.Alice}/concepts/..%2Fcat", new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.jpg" } });
        var badOwner = await client.GetAsync("api/owners/al%20ice/concepts");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOwner.StatusCode);
        Assert.Equal(before, Files(serve.DataDirectory));
    }

    [SharedFact]
    public async Task Enroll_APhotoThatIsNotAnImage_Is400AndEnrolsNothing()
    {
        using var client = serve.Client();

        var response = await client.PostAsync($"api/owners/{ServeFixture.Alice}/concepts/junk", new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("not a photo")), "file", "x.jpg" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("was not enrolled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("junk", await client.GetStringAsync($"api/owners/{ServeFixture.Alice}/concepts"), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task UnsafeRequests_FromAnotherOriginOrSite_Are403AndChangeNothing()
    {
        using var client = serve.Client();
        var before = Files(serve.DataDirectory);

        using var fromOrigin = new HttpRequestMessage(HttpMethod.Delete, $"api/owners/{ServeFixture.Alice}/concepts/dog");
        fromOrigin.Headers.Add("Origin", "http://evil.example");
        using var fromSite = new HttpRequestMessage(HttpMethod.Post, $"api/owners/{ServeFixture.Alice}/images/x.jpg") { Content = new ByteArrayContent([0xFF, 0xD8, 0xFF]) };
        fromSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var rebound = new HttpRequestMessage(HttpMethod.Get, $"api/owners/{ServeFixture.Alice}/concepts");
        rebound.Headers.Host = "evil.example";
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"api/owners/{ServeFixture.Alice}/concepts/dog/reject") { Content = Json(new { }) };
        sameOrigin.Headers.Add("Origin", serve.BaseUri.GetLeftPart(UriPartial.Authority));
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromSite)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(rebound)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(sameOrigin)).StatusCode); // let through: refused by the handler (no image named)
        Assert.Equal(before, Files(serve.DataDirectory));
        Assert.Contains("\"dog\"", await client.GetStringAsync($"api/owners/{ServeFixture.Alice}/concepts"), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task FindPhotos_AndTheFindCommand_ListTheRecognisedPhotoWithItsBox()
    {
        using var client = serve.Client();

        var found = await client.GetFromJsonAsync<JsonElement>($"api/owners/{ServeFixture.Alice}/concepts/dog/photos");
        await using var find = ServeProcess.Launch(serve.DataDirectory, ["find", "--owner", ServeFixture.Alice, "--name", "DOG", "--json"]);
        var exit = await find.WaitForExitAsync();

        var photo = Assert.Single(found.EnumerateArray());
        Assert.Equal(ServeFixture.AlicePhoto, photo.GetProperty("path").GetString());
        Assert.True(photo.GetProperty("confidence").GetSingle() > 0);
        Assert.Equal("dog", photo.GetProperty("concepts")[0].GetProperty("name").GetString());
        Assert.True(photo.GetProperty("concepts")[0].GetProperty("box").GetProperty("width").GetSingle() > 0);
        Assert.Equal(0, exit);
        var printed = JsonDocument.Parse(find.Log[find.Log.IndexOf('[', StringComparison.Ordinal)..]).RootElement;
        Assert.Equal(ServeFixture.AlicePhoto, Assert.Single(printed.EnumerateArray()).GetProperty("path").GetString());
    }

    [SharedFact]
    public async Task Preferences_OfSubmittedPhotos_AreJudgedInProcess_AndOnlyTheirOwnerSeesTheVerdict()
    {
        using var client = serve.Client();
        foreach (var (subject, file, path) in new[] { ("dog", "01.jpg", "pref/liked-1.jpg"), ("dog", "02.jpg", "pref/liked-2.jpg"), ("cat", "00.jpg", "pref/disliked.jpg"), ("teapot", "00.jpg", "pref/a.jpg"), ("teapot", "01.jpg", "pref/b.jpg") })
        {
            (await client.PostAsync($"api/owners/dana/images/{path}", new ByteArrayContent(await File.ReadAllBytesAsync(ServeFixture.DreamBooth(subject, file))))).EnsureSuccessStatusCode();
        }

        var bad = await client.PostAsync("api/owners/dana/preferences", Json(new { pairs = Array.Empty<object>() }));
        var submitted = await client.PostAsync("api/owners/dana/preferences", Json(new
        {
            request_id = "r1",
            liked = new[] { "pref/liked-1.jpg", "pref/liked-2.jpg" },
            disliked = new[] { "pref/disliked.jpg" },
            pairs = new[] { new { a = "pref/a.jpg", b = "pref/b.jpg" }, new { a = "pref/a.jpg", b = "pref/missing.jpg" } },
        }));
        var instanceId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instance_id").GetString()!;
        var status = await ServeFixture.WaitForJobAsync(client, "dana", instanceId);
        var result = await client.GetFromJsonAsync<JsonElement>("api/owners/dana/preferences/r1");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("Completed", status);
        Assert.Equal(1, result.GetProperty("judged").GetInt32());
        Assert.Contains(result.GetProperty("pairs")[0].GetProperty("preferred").GetString(), new[] { "A", "B" });
        Assert.Equal(5, result.GetProperty("pairs")[0].GetProperty("verdict").GetProperty("dimensions").GetArrayLength());
        Assert.Contains("not found", result.GetProperty("pairs")[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/owners/erin/preferences/r1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/owners/erin/jobs/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("api/owners/dana/preferences/.hidden")).StatusCode);
    }

    [SharedFact]
    public async Task Serve_PortInUse_IsOneErrorLineAndExit2()
    {
        await using var second = ServeProcess.Launch(Directory.CreateTempSubdirectory("serve-tests-").FullName, ["serve", "--urls", serve.BaseUri.GetLeftPart(UriPartial.Authority)]);

        var exit = await second.WaitForExitAsync();

        Assert.Equal(2, exit);
        var line = Assert.Single(second.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot listen on", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Serve_SigTerm_StopsCleanlyWithExit0()
    {
        await using var own = await ServeProcess.StartAsync(Directory.CreateTempSubdirectory("serve-tests-").FullName);

        await own.SignalAsync("TERM");

        Assert.Equal(0, await own.WaitForExitAsync());
        Assert.Contains("serve: stopped", own.Log, StringComparison.Ordinal);
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static string Files(string root) =>
        string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal));
}
