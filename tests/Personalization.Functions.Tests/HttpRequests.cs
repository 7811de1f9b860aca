using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Personalization.Functions.Tests;

/// <summary>Requests as the Functions ASP.NET Core integration hands them to <see cref="HttpApi"/>: a method, a content type, a body.</summary>
internal static class HttpRequests
{
    public static HttpRequest Get() => Create("GET", null, []);

    public static HttpRequest Delete() => Create("DELETE", null, []);

    public static HttpRequest Bytes(byte[] body, string contentType = "image/jpeg") => Create("POST", contentType, body);

    public static HttpRequest Json(string body) => Create("POST", "application/json", Encoding.UTF8.GetBytes(body));

    /// <summary>A real multipart/form-data body (with its boundary in the content type), as a browser or curl -F sends it.</summary>
    public static async Task<HttpRequest> MultipartAsync(IReadOnlyList<(string FileName, byte[] Content)> files, IReadOnlyDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "file", fileName);
        }

        using var body = new MemoryStream();
        await form.CopyToAsync(body);
        return Create("POST", form.Headers.ContentType!.ToString(), body.ToArray());
    }

    public static HttpRequest Create(string method, string? contentType, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
