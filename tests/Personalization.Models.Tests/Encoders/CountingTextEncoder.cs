using Personalization.Core.Ports;

namespace Personalization.Models.Tests.Encoders;

/// <summary>A real text encoder, counting how often and how many texts it is asked to embed.</summary>
internal sealed class CountingTextEncoder(ITextEncoder inner, string? identity = null) : ITextEncoder
{
    public int Calls { get; private set; }

    public int Texts { get; private set; }

    public int Dimension => inner.Dimension;

    public string Identity => identity ?? inner.Identity;

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls++;
        Texts += texts.Count;
        return inner.EncodeAsync(texts, cancellationToken);
    }
}
