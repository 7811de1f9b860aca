using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Personalization.Azure.Http;

/// <summary>The API's error responses: a JSON object with one <c>error</c> line.</summary>
internal static class ApiResults
{
    public static IActionResult BadRequest(string error) => new BadRequestObjectResult(new { error });

    public static IActionResult Error(int status, string error) => new ObjectResult(new { error }) { StatusCode = status };

    public static IActionResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than {limit / (1024 * 1024)} MiB");
}
