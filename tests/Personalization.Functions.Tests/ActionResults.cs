using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Personalization.Functions.Tests;

/// <summary>What a response would carry: the status code, and an object result's value as the JSON it is written as.</summary>
internal static class ActionResults
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static int? StatusOf(IActionResult result) => Assert.IsAssignableFrom<IStatusCodeActionResult>(result).StatusCode;

    public static JsonElement BodyOf(IActionResult result) =>
        JsonSerializer.SerializeToElement(Assert.IsAssignableFrom<ObjectResult>(result).Value, Web);

    /// <summary>Asserts a 400 with an <c>error</c> field, and returns the error.</summary>
    public static string BadRequestError(IActionResult result)
    {
        Assert.Equal(400, StatusOf(result));
        return BodyOf(result).GetProperty("error").GetString()!;
    }
}
