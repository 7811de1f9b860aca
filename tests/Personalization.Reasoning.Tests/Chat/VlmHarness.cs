using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Models.Imaging;
using Personalization.Reasoning.Chat;
using Personalization.TestSupport.Vlm;
using SkiaSharp;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>The production composition (<c>AddReasoning</c>) pointed at a <see cref="FakeVlmServer"/>.</summary>
internal sealed class VlmHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public VlmHarness(
        FakeVlmServer server,
        ITextEncoder textEncoder,
        string provider = ReasoningProviders.OpenAICompatible,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        TimeProvider? time = null)
    {
        var endpoint = provider switch
        {
            ReasoningProviders.OpenAICompatible => new Uri(server.BaseUri, "/v1").ToString(),
            _ => server.BaseUri.ToString(),
        };
        var values = new Dictionary<string, string?>
        {
            ["Reasoning:Provider"] = provider,
            ["Reasoning:Endpoint"] = endpoint,
            ["Reasoning:Model"] = "test-vlm",
            ["Reasoning:Deployment"] = "gpt-4o-test",
            ["Reasoning:ApiKey"] = "test-key",
            ["Reasoning:TimeoutSeconds"] = "5",
            ["Reasoning:RetryBaseDelayMilliseconds"] = "10",
            ["Reasoning:MaxRetryDelaySeconds"] = "2",
            ["Reasoning:ImageSize"] = "128",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<RecognitionOptions>();
        services.AddSingleton(textEncoder);
        services.AddSingleton<IImageResizer>(new SkiaImageResizer(new SkiaImageDecoder(Options.Create(new ImageLimits()))));
        services.AddSingleton<ReasoningUsage>();
        if (server.Certificate is { } certificate)
        {
            // Trust exactly the test server's self-signed certificate, nothing else.
            services.AddSingleton(new ReasoningTransport(() => new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString() },
            }));
        }

        services.AddReasoning(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IReasoner Reasoner => _services.GetRequiredService<IReasoner>();

    public IQuestionAnswerer Answerer => _services.GetRequiredService<IQuestionAnswerer>();

    public ReasoningUsage Usage => _services.GetRequiredService<ReasoningUsage>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A small JPEG: a coloured square on a plain background.</summary>
    public static ImageSource Jpeg(string id = "photo.jpg", uint background = 0xFF2E7D32, uint square = 0xFFD32F2F)
    {
        using var bitmap = new SKBitmap(320, 240);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(background));
            using var paint = new SKPaint { Color = new SKColor(square) };
            canvas.DrawRect(100, 60, 120, 120, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return ImageSource.FromBytes(id, data.ToArray());
    }

    public void Dispose() => _services.Dispose();
}
