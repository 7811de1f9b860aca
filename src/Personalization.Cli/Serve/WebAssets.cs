using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Personalization.Cli.Serve;

/// <summary>
/// The web page: plain HTML, CSS and JavaScript embedded in the CLI (<c>Serve/wwwroot</c>), served from memory by name from
/// a fixed list: no request path reaches the file system.
/// </summary>
internal static class WebAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = Load();

    public static void MapWebPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext c) => Serve(c, "index.html"));
        app.MapGet("/{file}", (HttpContext c, string file) => Serve(c, file));
    }

    private static async Task Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        const string prefix = "wwwroot/";
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[name] = (type, buffer.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
