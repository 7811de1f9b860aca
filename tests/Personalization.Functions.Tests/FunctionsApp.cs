using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.TestSupport;

namespace Personalization.Functions.Tests;

/// <summary>
/// The Functions app's services from the app's own composition (<see cref="FunctionsComposition.AddFunctionsApp"/>, what
/// <c>Program.cs</c> calls), with the durable task backend in memory where the Functions extension would bind one (as the
/// CLI's local worker hosts it), on Azurite with containers and queues of its own. <see cref="Api"/> is activated from the
/// container the way the Functions worker activates a function class.
/// </summary>
internal sealed class FunctionsApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDirectory;

    private FunctionsApp(IHost host, string dataDirectory)
    {
        _host = host;
        _dataDirectory = dataDirectory;
        Api = ActivatorUtilities.CreateInstance<HttpApi>(host.Services);
        Preferences = ActivatorUtilities.CreateInstance<PreferenceApi>(host.Services);
        Feedback = ActivatorUtilities.CreateInstance<FeedbackApi>(host.Services);
        Blobs = ActivatorUtilities.CreateInstance<BlobTriggers>(host.Services);
    }

    public HttpApi Api { get; }

    public PreferenceApi Preferences { get; }

    public FeedbackApi Feedback { get; }

    /// <summary>The blob triggers, invoked by hand as the Functions host would for a new blob (no blob polling here).</summary>
    public BlobTriggers Blobs { get; }

    public IServiceProvider Services => _host.Services;

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <param name="environmentPrefix">Also read the environment variables with this prefix, as the Functions host reads its
    /// app settings (<c>Reasoning__Provider</c> is <c>Reasoning:Provider</c>).</param>
    /// <param name="configure">Test-only additions after the app's composition (an in-memory telemetry exporter).</param>
    public static async Task<FunctionsApp> StartAsync(
        SharedAzurite azurite, IReadOnlyDictionary<string, string?>? extraSettings = null, string? environmentPrefix = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var connectionString = (await azurite.GetAsync()).ConnectionString;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var data = Directory.CreateTempSubdirectory("functions-tests-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:ConceptsContainer"] = "concepts-" + suffix,
            ["Storage:ImagesContainer"] = "images-" + suffix,
            ["Storage:ResultsContainer"] = "results-" + suffix,
            ["Storage:AnalysesContainer"] = "analyses-" + suffix,
            ["Storage:BulkQueue"] = "bulk-" + suffix,
            ["Storage:ProfilesContainer"] = "profiles-" + suffix,
            ["Storage:PreferenceQueue"] = "preference-" + suffix,
            ["LocalData:Directory"] = data,
        };
        if (SharedData.IsAvailable)
        {
            settings["Models:Directories:0"] = SharedData.ModelsDirectory;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        if (environmentPrefix is not null)
        {
            builder.Configuration.AddEnvironmentVariables(environmentPrefix);
        }

        builder.AddFunctionsApp();
        builder.Services.AddInMemoryDurableTask(registry => registry.AddPersonalizationTasks(), new InMemoryDurableTaskOptions { Port = LoopbackPort.Free() });
        configure?.Invoke(builder);
        var host = builder.Build();
        try
        {
            await host.StartAsync(); // creates the containers and queues, starts the durable worker
        }
        catch
        {
            host.Dispose();
            Directory.Delete(data, recursive: true);
            throw;
        }

        return new FunctionsApp(host, data);
    }

    /// <summary>The images blob trigger for <c>images/{name}</c>, invoked as the Functions host would (with a client for the blob, nothing downloaded).</summary>
    public Task TriggerImageBlobAsync(string name) => Blobs.RecognizeImageBlob(Storage.Images.GetBlobClient(name), name, Durable, CancellationToken.None);

    /// <summary>Every blob name in the app's concepts and images containers: what the HTTP API itself writes to.</summary>
    public async Task<IReadOnlyList<string>> UploadedBlobsAsync()
    {
        var names = new List<string>();
        foreach (var container in new[] { Storage.Concepts, Storage.Images })
        {
            await foreach (var blob in container.GetBlobsAsync())
            {
                names.Add($"{container.Name}/{blob.Name}");
            }
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
