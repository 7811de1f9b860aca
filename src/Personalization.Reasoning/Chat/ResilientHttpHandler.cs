using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The VLM's HTTP policy, the same for every provider: at most <see cref="ReasoningOptions.MaxConcurrency"/>
/// requests in flight, a timeout per attempt that covers the whole reply (headers and body, which is buffered), a
/// reply that is not a chat completion (<see cref="ChatReplyCheck"/>) treated as a failed attempt, and retries on
/// those, timeouts, network errors, 408, 429 and 5xx with
/// exponential backoff and full jitter, or exactly the wait the server asks for (<c>Retry-After</c>,
/// <c>retry-after-ms</c>), capped. When every attempt failed it throws <see cref="ReasoningUnavailableException"/>.
/// The providers' own retry policies are switched off so that only this one applies. Thread-safe.
/// </summary>
internal sealed partial class ResilientHttpHandler(ReasoningOptions options, TimeProvider time, ILogger<ResilientHttpHandler> logger) : DelegatingHandler
{
    /// <summary>A chat completion is a few kilobytes; a reply larger than this is refused like a failed attempt.</summary>
    internal const long MaxReplyBytes = 16 * 1024 * 1024;

    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Provider content is not always re-readable: buffer it once and send a fresh copy per attempt.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        for (var attempt = 0; ; attempt++)
        {
            using var copy = Copy(request, body);
            HttpResponseMessage? response = null;
            string failure;
            Exception? error = null;
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(timeout);
                response = await base.SendAsync(copy, deadline.Token).ConfigureAwait(false);

                // The timeout covers the whole reply: a body that trickles in after prompt headers is cut off too.
                await response.Content.LoadIntoBufferAsync(MaxReplyBytes, deadline.Token).ConfigureAwait(false);
                if (IsTransient(response.StatusCode))
                {
                    failure = $"HTTP {(int)response.StatusCode}";
                }
                else if (!response.IsSuccessStatusCode
                    || ChatReplyCheck.Problem(options.Provider, await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false)) is not { } problem)
                {
                    return response;
                }
                else
                {
                    failure = $"unusable reply: {problem}"; // HTTP 200 but no chat completion: like a 5xx
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"no complete response within {timeout.TotalSeconds:0.###} s");
                error = e;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failure = e.Message;
                error = e;
            }
            finally
            {
                _slots.Release();
            }

            var wait = response is null ? null : RetryAfter(response);
            response?.Dispose();
            if (attempt >= options.MaxRetries)
            {
                throw new ReasoningUnavailableException($"{request.RequestUri?.GetLeftPart(UriPartial.Path)}: {failure} (after {attempt + 1} attempt(s))", error);
            }

            var delay = Cap(wait ?? Backoff(attempt));
            Log.Retrying(logger, attempt + 1, failure, delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The server's wait: <c>retry-after-ms</c> (OpenAI, Azure), else <c>Retry-After</c> in seconds or as a date.</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.RetryBaseDelayMilliseconds * Math.Pow(2, attempt));

    private TimeSpan Cap(TimeSpan delay) => TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds, options.MaxRetryDelaySeconds));

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "VLM request failed ({Failure}); retry {Attempt} in {DelayMs:F0} ms")]
        public static partial void Retrying(ILogger logger, int attempt, string failure, double delayMs);
    }
}
