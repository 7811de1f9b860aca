using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Personalization.Cli.Serve;

/// <summary>
/// Request checks in front of everything <c>serve</c> answers. The API uses no cookies, so a cross-site page can forge a
/// request but not read an answer; what it could still do is change data, so every unsafe method (POST, PUT, PATCH, DELETE)
/// that a browser marks as cross-site (<c>Sec-Fetch-Site</c>) or sends from another origin (<c>Origin</c>) is refused. The
/// <c>Host</c> must be one the server listens as (a DNS-rebinding page names its own host). Every answer says not to be
/// sniffed, framed or sent on as a referrer, and the page may load scripts and images from this origin only.
/// </summary>
internal sealed class SameOriginGuard(IReadOnlySet<string> allowedHosts)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        if (!allowedHosts.Contains(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"host '{request.Host.Host}' is not one this server listens as").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
        {
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            var origin = request.Headers.Origin.ToString();
            if ((site.Length > 0 && site is not ("same-origin" or "none")) ||
                (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "cross-origin request refused").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error }), context.RequestAborted);
    }
}
