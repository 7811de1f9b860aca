using System.Collections.Concurrent;
using System.Net;
using System.Numerics.Tensors;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalization.TestSupport.Vlm;

namespace Personalization.TestSupport.Search;

/// <summary>
/// A loopback Azure AI Search for tests: Kestrel over https (the client refuses http) on 127.0.0.1, speaking the
/// REST calls the adapters use — create or update an index, index documents (mergeOrUpload, upload, delete), and
/// search with a filter of <c>field eq 'value'</c> and <c>collection/any(x: x eq 'value')</c> terms joined by <c>and</c>, <c>select</c>, <c>top</c> and
/// exhaustive vector queries scored like the service's cosine metric (1 / (2 − cos)). Every request is recorded.
/// Thread-safe.
/// </summary>
public sealed partial class FakeSearchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> _indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _requests = new();

    private FakeSearchServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;

    public X509Certificate2 Certificate { get; }

    public IReadOnlyList<(string Method, string Path, string Body)> Requests => [.. _requests];

    /// <summary>The schemas received, by index name.</summary>
    public ConcurrentDictionary<string, JsonObject> Schemas { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<JsonObject> Documents(string index) => _indexes.TryGetValue(index, out var docs) ? [.. docs.Values] : [];

    public static async Task<FakeSearchServer> StartAsync()
    {
        var certificate = FakeVlmServer.CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeSearchServer(app, certificate);
        app.Map("/{**path}", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? string.Empty);
        _requests.Enqueue((context.Request.Method, path, body));
        var index = IndexName().Match(path) is { Success: true } m ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;
        JsonNode? reply;
        var status = 200;
        if (index is null)
        {
            status = 404;
            reply = new JsonObject { ["error"] = new JsonObject { ["message"] = $"no route for {path}" } };
        }
        else if (path.EndsWith("/docs/search.index", StringComparison.Ordinal))
        {
            reply = Index(index, JsonNode.Parse(body)!.AsObject());
        }
        else if (path.EndsWith("/docs/search.post.search", StringComparison.Ordinal))
        {
            reply = Search(index, JsonNode.Parse(body)!.AsObject());
        }
        else if (context.Request.Method is "PUT" or "POST")
        {
            var schema = JsonNode.Parse(body)!.AsObject();
            status = Schemas.ContainsKey(index) ? 200 : 201;
            Schemas[index] = schema;
            reply = schema.DeepClone();
        }
        else
        {
            status = 404;
            reply = new JsonObject { ["error"] = new JsonObject { ["message"] = $"unsupported {context.Request.Method} {path}" } };
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=none";
        await context.Response.WriteAsync(reply!.ToJsonString()).ConfigureAwait(false);
    }

    private JsonObject Index(string index, JsonObject batch)
    {
        var docs = _indexes.GetOrAdd(index, _ => new(StringComparer.Ordinal));
        var results = new JsonArray();
        foreach (var action in batch["value"]!.AsArray().Select(a => a!.AsObject()))
        {
            var kind = action["@search.action"]?.GetValue<string>() ?? "upload";
            var key = action["id"]!.GetValue<string>();
            var document = action.DeepClone().AsObject();
            document.Remove("@search.action");
            switch (kind)
            {
                case "delete":
                    docs.TryRemove(key, out _);
                    break;
                case "merge" or "mergeOrUpload" when docs.TryGetValue(key, out var existing):
                    foreach (var (name, value) in document)
                    {
                        existing[name] = value?.DeepClone();
                    }

                    break;
                default:
                    docs[key] = document;
                    break;
            }

            results.Add(new JsonObject { ["key"] = key, ["status"] = true, ["errorMessage"] = null, ["statusCode"] = kind == "delete" ? 200 : 201 });
        }

        return new JsonObject { ["value"] = results };
    }

    private JsonObject Search(string index, JsonObject request)
    {
        var docs = _indexes.TryGetValue(index, out var d) ? d.Values.ToList() : [];
        var filter = request["filter"]?.GetValue<string>();
        var matching = docs.Where(doc => Matches(doc, filter)).ToList();
        var top = request["top"]?.GetValue<int>() ?? 50;
        IEnumerable<(JsonObject Doc, double Score)> scored = matching.Select(doc => (doc, 1.0));
        if (request["vectorQueries"] is JsonArray { Count: > 0 } vectors)
        {
            var query = vectors[0]!.AsObject();
            var vector = query["vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            var field = query["fields"]!.GetValue<string>();
            var k = query["k"]?.GetValue<int>() ?? top;
            scored = matching
                .Where(doc => doc[field] is JsonArray)
                .Select(doc => (doc, 1.0 / (2.0 - TensorPrimitives.CosineSimilarity(vector, doc[field]!.AsArray().Select(v => v!.GetValue<float>()).ToArray()))))
                .OrderByDescending(x => x.Item2)
                .Take(k);
        }

        var select = request["select"]?.GetValue<string>()?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var results = new JsonArray();
        foreach (var (doc, score) in scored.Take(top))
        {
            var row = new JsonObject { ["@search.score"] = score };
            foreach (var (name, value) in doc)
            {
                if (select is null || select.Contains(name))
                {
                    row[name] = value?.DeepClone();
                }
            }

            results.Add(row);
        }

        return new JsonObject { ["value"] = results };
    }

    /// <summary>Evaluates <c>a eq 'x' and c/any(v: v eq 'y')</c> with OData quoting ('' is a quote).</summary>
    private static bool Matches(JsonObject doc, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var anyTerms = AnyTerm().Matches(filter);
        var rest = AnyTerm().Replace(filter, string.Empty);
        var terms = FilterTerm().Matches(rest);
        if (terms.Count + anyTerms.Count == 0)
        {
            throw new InvalidOperationException($"unsupported filter: {filter}");
        }

        static string Unquote(string value) => value.Replace("''", "'", StringComparison.Ordinal);
        return terms.All(t => doc[t.Groups[1].Value]?.ToString() == Unquote(t.Groups[2].Value))
            && anyTerms.All(t => doc[t.Groups[1].Value] is JsonArray items && items.Any(i => i?.ToString() == Unquote(t.Groups[2].Value)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }

    [GeneratedRegex(@"indexes(?:\('([^']+)'\)|/([^/]+))")]
    private static partial Regex IndexName();

    [GeneratedRegex(@"(\w+) eq '((?:[^']|'')*)'")]
    private static partial Regex FilterTerm();

    [GeneratedRegex(@"(\w+)/any\(\w+: \w+ eq '((?:[^']|'')*)'\)")]
    private static partial Regex AnyTerm();
}
