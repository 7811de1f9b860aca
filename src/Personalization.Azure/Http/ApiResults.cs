using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Personalization.Azure.Http;

/// <summary>The API's JSON responses, all in the product's one dialect (<see cref="ProductJsonResult"/>); errors are an object with one <c>error</c> line.</summary>
public static class ApiResults
{
    public static IActionResult Ok(object value) => new ProductJsonResult(value, StatusCodes.Status200OK);

    /// <summary>A 202 for a started job, with its status route as the <c>Location</c>.</summary>
    public static IActionResult Accepted(string location, object value) => new ProductJsonResult(value, StatusCodes.Status202Accepted, location);

    public static IActionResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static IActionResult Error(int status, string error) => new ProductJsonResult(new { error }, status);

    public static IActionResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than {limit / (1024 * 1024)} MiB");
}
