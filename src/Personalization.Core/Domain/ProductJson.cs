using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// The product's one JSON dialect, for everything a person or another program reads: the CLI's <c>--json</c> and
/// result files, the worker's and the Functions app's result blobs, messages and HTTP bodies. snake_case names,
/// enums as their names, nulls left out, non-ASCII text as it is. Readers accept any casing and enums as names or
/// numbers (older blobs wrote numbers), so hand-written requests and earlier documents still read.
/// </summary>
public static class ProductJson
{
    /// <summary>Documents: indented.</summary>
    public static JsonSerializerOptions Documents { get; } = Create(indented: true);

    /// <summary>The same on one line (JSON Lines, messages).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
