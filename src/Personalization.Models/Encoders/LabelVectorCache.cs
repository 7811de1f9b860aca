using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Models.Onnx;

namespace Personalization.Models.Encoders;

/// <summary>
/// The text vectors of the 1000 ImageNet label names, embedded once per (labels, text model) and kept in
/// <c>{Models:CacheDirectory}/label-vectors-{key}.bin</c>, so a command does not spend a second re-embedding them at
/// every start. The key is a SHA-256 of the text model's <see cref="ITextEncoder.Identity"/> and the labels; a file
/// that is missing, short, or of another key is recomputed and rewritten (atomically); a folder that cannot be written
/// only costs the cache. Thread-safe.
/// </summary>
public sealed class LabelVectorCache(IOptions<ModelOptions> options, ILogger<LabelVectorCache>? logger = null)
{
    private static readonly byte[] Magic = "PLV1"u8.ToArray();
    private const int KeyBytes = 32;
    private const int HeaderBytes = 4 + KeyBytes + 8; // magic, key, count, dimension
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>The folder used: <c>Models:CacheDirectory</c>, else the user's local application data folder.</summary>
    public string Directory { get; } = string.IsNullOrWhiteSpace(options.Value.CacheDirectory)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "personalize", "cache")
        : Path.GetFullPath(options.Value.CacheDirectory);

    public async Task<float[][]> GetOrEmbedAsync(IReadOnlyList<string> labels, ITextEncoder encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(encoder);
        var key = Key(labels, encoder.Identity);
        var path = Path.Combine(Directory, $"label-vectors-{Convert.ToHexStringLower(key, 0, 8)}.bin");
        if (await TryReadAsync(path, key, labels.Count, encoder.Dimension, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var vectors = await encoder.EncodeAsync(labels, cancellationToken).ConfigureAwait(false);
        await TryWriteAsync(path, key, vectors, encoder.Dimension, cancellationToken).ConfigureAwait(false);
        return vectors;
    }

    internal static byte[] Key(IReadOnlyList<string> labels, string identity) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(identity + "\n" + string.Join('\n', labels)));

    private async Task<float[][]?> TryReadAsync(string path, byte[] key, int count, int dimension, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not there yet (or not readable): embed
        }

        if (bytes.Length != HeaderBytes + (count * dimension * sizeof(float))
            || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !bytes.AsSpan(Magic.Length, KeyBytes).SequenceEqual(key)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + KeyBytes)) != count
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + KeyBytes + 4)) != dimension)
        {
            _logger.LogDebug("label vector cache {Path} does not match; re-embedding", path);
            return null;
        }

        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes));
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = floats.Slice(i * dimension, dimension).ToArray();
        }

        return vectors;
    }

    private async Task TryWriteAsync(string path, byte[] key, float[][] vectors, int dimension, CancellationToken cancellationToken)
    {
        var bytes = new byte[HeaderBytes + (vectors.Length * dimension * sizeof(float))];
        Magic.CopyTo(bytes, 0);
        key.CopyTo(bytes, Magic.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length + KeyBytes), vectors.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length + KeyBytes + 4), dimension);
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes));
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i].AsSpan(0, dimension).CopyTo(floats.Slice(i * dimension, dimension));
        }

        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug("label vector cache {Path} not written: {Reason}", path, e.Message);
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a stray temporary file in a cache folder harms nothing
        }
    }
}
