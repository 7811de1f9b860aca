using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Local.Index;
using Personalization.Local.Storage;

namespace Personalization.Cli.Tests.Commands;

/// <summary>What a CLI run left on disk: an owner's concepts as the embedded index stored them, and result files.</summary>
internal static class StoredConcepts
{
    /// <summary>The owner's concepts as one JSON file, the format before segments (still read, and migrated by the next write).</summary>
    public static string FileOf(CliRun cli, string owner) => Path.Combine(cli.DataDirectory, "owners", owner, "concepts.json");

    /// <summary>The owner's concept index manifest, byte for byte (empty when there is none): every write replaces it, so equal bytes, nothing changed.</summary>
    public static async Task<byte[]> BytesAsync(CliRun cli, string owner)
    {
        var manifest = Path.Combine(cli.DataDirectory, "owners", owner, "concepts.manifest.json");
        return File.Exists(manifest) ? await File.ReadAllBytesAsync(manifest) : [];
    }

    /// <summary>The owner's concept as stored, read by a fresh embedded index (as another process would).</summary>
    public static async Task<Concept> GetAsync(CliRun cli, string owner, string name)
    {
        using var index = new EmbeddedConceptIndex(Options.Create(new LocalDataOptions { Directory = cli.DataDirectory }));
        var concepts = await index.ListAsync(OwnerId.Parse(owner));
        return concepts.Single(c => c.Name.Value == name);
    }

    /// <summary>Recognises one photo for the owner and returns the path of its result JSON and the result.</summary>
    public static async Task<(string Path, JsonObject Result)> RecognizeAsync(CliRun cli, string owner, string photo)
    {
        var outDir = Path.Combine(cli.OutDirectory, Guid.NewGuid().ToString("N")[..8]);
        var (exit, _, error) = await cli.RunAsync("recognize", "--owner", owner, "--out", outDir, photo);
        Assert.True(exit == 0, error);
        var path = Assert.Single(Directory.GetFiles(Path.Combine(outDir, "results"), "*.json"));
        return (path, JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject());
    }

    public static string Hash(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    public static BoundingBox BoxOf(JsonObject result)
    {
        var box = result["box"]!;
        return new BoundingBox(box["x"]!.GetValue<float>(), box["y"]!.GetValue<float>(), box["width"]!.GetValue<float>(), box["height"]!.GetValue<float>());
    }
}
