using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Personalization.Functions.Tests;

/// <summary>
/// What a response would carry: the status code, and the body as the hosts write it: the result executed against a request
/// whose services are ASP.NET Core MVC's defaults (what the Functions ASP.NET Core integration and <c>personalize serve</c>
/// execute results with), so a test reads the JSON dialect that goes over the wire.
/// </summary>
internal static class ActionResults
{
    private static readonly IServiceProvider HostServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static int? StatusOf(IActionResult result) => Assert.IsAssignableFrom<IStatusCodeActionResult>(result).StatusCode;

    public static JsonElement BodyOf(IActionResult result)
    {
        Assert.IsAssignableFrom<ObjectResult>(result);
        return JsonDocument.Parse(WireOf(result).Body).RootElement.Clone();
    }

    /// <summary>The response as written: status, content type, headers and body text.</summary>
    public static (int Status, string? ContentType, IHeaderDictionary Headers, string Body) WireOf(IActionResult result)
    {
        var context = new DefaultHttpContext { RequestServices = HostServices };
        using var body = new MemoryStream();
        context.Response.Body = body;
        result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor())).GetAwaiter().GetResult();
        return (context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>Asserts a 400 with an <c>error</c> field, and returns the error.</summary>
    public static string BadRequestError(IActionResult result)
    {
        Assert.Equal(400, StatusOf(result));
        return BodyOf(result).GetProperty("error").GetString()!;
    }
}
