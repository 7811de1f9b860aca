using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Personalization.Azure.Http;

/// <summary>
/// Upload sizes, checked before a body is read: the declared <c>Content-Length</c> first, then the bytes actually read
/// (a chunked body declares none), so no request can make the host buffer more than the limit.
/// </summary>
public static class UploadLimits
{
    /// <summary>One photo to recognise (decoding refuses more than 50 megapixels anyway).</summary>
    public const long MaxImageBytes = 30L * 1024 * 1024;

    /// <summary>A multipart enrolment: a few reference photos.</summary>
    public const long MaxFormBytes = 4 * MaxImageBytes;

    /// <summary>The body, or a 413 when it declares or turns out to be more than <paramref name="limit"/> bytes.</summary>
    public static async Task<(byte[]? Bytes, IActionResult? Error)> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return (null, ApiResults.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiResults.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The multipart form, or a 413/400 when it is too large or cannot be read; the form reader stops at the limit.</summary>
    public static async Task<(IFormCollection? Form, IActionResult? Error)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxFormBytes)
        {
            return (null, ApiResults.TooLarge(MaxFormBytes));
        }

        if (!request.HasFormContentType)
        {
            return (null, ApiResults.BadRequest("send multipart/form-data with one or more image files and optional category and description fields"));
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxFormBytes,
            ValueCountLimit = 256,
            BufferBodyLengthLimit = MaxFormBytes,
        }));
        try
        {
            return (await request.ReadFormAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A multipart body without its boundary, cut short, or over the form limits: the client's mistake, not a 500.
            return (null, ApiResults.BadRequest($"the form could not be read: {e.Message}"));
        }
    }
}
