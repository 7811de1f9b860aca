using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// An API response body written in the product's one JSON dialect (<see cref="ProductJson"/>: snake_case, enums as names,
/// nulls left out), whatever JSON options the host's MVC has, so the Functions app and <c>personalize serve</c> answer
/// alike and as the CLI and the result blobs write. An <see cref="ObjectResult"/>, so callers can still read its value.
/// </summary>
public sealed class ProductJsonResult : ObjectResult
{
    public ProductJsonResult(object? value, int statusCode, string? location = null)
        : base(value)
    {
        StatusCode = statusCode;
        Location = location;
    }

    /// <summary>The <c>Location</c> header (a 202's job status), if any.</summary>
    public string? Location { get; }

    public override async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode ?? 200;
        response.ContentType = "application/json; charset=utf-8";
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        await JsonSerializer.SerializeAsync(response.Body, Value, Value?.GetType() ?? typeof(object), ProductJson.Compact, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
