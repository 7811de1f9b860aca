using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Cli.Output;

/// <summary>How the CLI writes JSON: the product's one dialect (<see cref="ProductJson"/>), atomically (temp file, then rename).</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options => ProductJson.Documents;

    /// <summary>The same on one line (JSON Lines output).</summary>
    public static JsonSerializerOptions CompactOptions => ProductJson.Compact;

    /// <summary>Prints one document to <paramref name="writer"/> (stdout), as every <c>--json</c> that answers once does.</summary>
    public static Task PrintAsync<T>(TextWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
    }

    /// <summary>Prints one item of a stream on one line (JSON Lines), as every <c>--json</c> that answers per item does.</summary>
    public static void PrintLine<T>(TextWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(JsonSerializer.Serialize(value, CompactOptions));
    }

    public static async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A file name made only of safe characters from an untrusted path, plus a short hash against collisions.</summary>
    public static string SafeFileName(string id, string contentHash)
    {
        var stem = Path.GetFileNameWithoutExtension(id);
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        if (safe.Length > 80)
        {
            safe = safe[..80];
        }

        return $"{(safe.Length == 0 ? "image" : safe)}-{contentHash[..Math.Min(8, contentHash.Length)]}.json";
    }
}
