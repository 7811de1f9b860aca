using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Personalization.TestSupport.Vlm;

/// <summary>
/// A loopback VLM for tests: Kestrel on 127.0.0.1 (a free port; https with a self-signed certificate on request)
/// speaking OpenAI's chat-completions wire format (any path ending in <c>/chat/completions</c>, so Azure OpenAI's
/// deployment paths too, with <c>logprobs</c>) and Ollama's <c>/api/chat</c>. Answers are scripted per request
/// pattern; every request is recorded for assertions. Thread-safe.
/// </summary>
public sealed class FakeVlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(Func<VlmRequest, bool> Match, ConcurrentQueue<VlmReply> Replies, VlmReply Last)> _routes = [];
    private readonly ConcurrentQueue<VlmRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _gate = new();

    private FakeVlmServer(WebApplication app, X509Certificate2? certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The self-signed certificate served over https, if any.</summary>
    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<VlmRequest> Requests => [.. _requests];

    /// <summary>
    /// The requests once at least <paramref name="count"/> have been recorded: a client that gave up on a request may
    /// return before the server has recorded it. The 60 s bound is a failure deadline only.
    /// </summary>
    public async Task<IReadOnlyList<VlmRequest>> WaitForRequestsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (_requests.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the fake VLM server recorded {_requests.Count} of {count} requests within 60 s");
            }
        }

        return Requests;
    }

    public static async Task<FakeVlmServer> StartAsync(bool https = false)
    {
        var certificate = https ? CreateCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new FakeVlmServer(app, certificate);
        app.MapPost("/api/chat", server.HandleAsync);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Answers requests that match with these replies in turn; the last one repeats. Earlier routes win.</summary>
    public FakeVlmServer On(Func<VlmRequest, bool> match, params VlmReply[] replies)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replies.Length);
        lock (_gate)
        {
            _routes.Add((match, new ConcurrentQueue<VlmReply>(replies), replies[^1]));
        }

        return this;
    }

    /// <summary>Routes by a phrase of the system prompt (each stage's task line), and optionally of the user text.</summary>
    public FakeVlmServer OnTask(string task, params VlmReply[] replies) => On(r => r.SystemPrompt.Contains(task, StringComparison.Ordinal), replies);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var request = new VlmRequest(
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);
        _arrived.Release();
        var reply = Next(request);
        if (reply.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        var json = reply.Status != 200 || reply.Raw ? reply.Content : request.IsOllama ? OllamaBody(request, reply) : OpenAIBody(request, reply);
        if (reply.TrickleDelay is { } perByte)
        {
            await TrickleAsync(context, Encoding.UTF8.GetBytes(json), perByte).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Sends the headers, then the body one byte at a time; stops when the client goes away.</summary>
    private static async Task TrickleAsync(HttpContext context, byte[] body, TimeSpan perByte)
    {
        try
        {
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            for (var i = 0; i < body.Length; i++)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(i, 1), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await Task.Delay(perByte, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client gave up, as it should.
        }
    }

    private VlmReply Next(VlmRequest request)
    {
        lock (_gate)
        {
            foreach (var (match, replies, last) in _routes)
            {
                if (match(request))
                {
                    return replies.Count > 1 && replies.TryDequeue(out var reply) ? reply : replies.TryPeek(out var only) ? only : last;
                }
            }
        }

        return new VlmReply($"{{\"error\":{{\"message\":\"no scripted reply for this request\"}}}}", 400);
    }

    private static string OpenAIBody(VlmRequest request, VlmReply reply)
    {
        object? logprobs = request.RequestedLogProbs && reply.LogProbs is { } tokens
            ? new
            {
                content = tokens.Select(t => new
                {
                    token = t.Token,
                    logprob = t.LogProb,
                    bytes = Encoding.UTF8.GetBytes(t.Token).Select(b => (int)b).ToArray(),
                    top_logprobs = t.Top.Take(request.TopLogProbs ?? 0).Select(a => new { token = a.Token, logprob = a.LogProb, bytes = Encoding.UTF8.GetBytes(a.Token).Select(b => (int)b).ToArray() }).ToArray(),
                }).ToArray(),
                refusal = (object?)null,
            }
            : null;
        return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = request.Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = reply.FinishReason, logprobs } },
            usage = new { prompt_tokens = 100 + (request.Images.Count * 85), completion_tokens = 20, total_tokens = 120 + (request.Images.Count * 85) },
        });
    }

    private static string OllamaBody(VlmRequest request, VlmReply reply)
    {
        var done = new
        {
            model = request.Model,
            created_at = "2025-01-01T00:00:00Z",
            message = new { role = "assistant", content = reply.Content },
            done = true,
            done_reason = reply.FinishReason,
            prompt_eval_count = 100,
            eval_count = 20,
        };
        return JsonSerializer.Serialize(done);
    }

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, with its private key, valid for a day.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form the platform's TLS can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
