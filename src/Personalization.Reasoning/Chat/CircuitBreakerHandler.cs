using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// In front of <see cref="ResilientHttpHandler"/>: a call that failed after every retry counts against the
/// <see cref="CircuitBreaker"/>, any answer from the model (even a 4xx) resets it. While the breaker is open a call
/// fails at once with <see cref="ReasoningCircuitOpenException"/> (the item is answered offline), without touching
/// the network. It says so once, when it opens (one warning), and once when the model answers again.
/// </summary>
internal sealed partial class CircuitBreakerHandler(CircuitBreaker breaker, ILogger<CircuitBreakerHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!breaker.TryEnter(out var openFor))
        {
            throw new ReasoningCircuitOpenException(string.Create(
                CultureInfo.InvariantCulture,
                $"circuit open after {breaker.Threshold} failed calls in a row; the model is not called for {Math.Ceiling(openFor.TotalSeconds):0} s more"));
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ReasoningUnavailableException)
        {
            switch (breaker.RecordFailure())
            {
                case CircuitBreaker.Transition.Opened:
                    Log.Opened(logger, breaker.Threshold, breaker.BreakFor.TotalSeconds);
                    break;
                case CircuitBreaker.Transition.Reopened:
                    Log.Reopened(logger, breaker.BreakFor.TotalSeconds);
                    break;
            }

            throw;
        }
        catch
        {
            breaker.RecordAbandoned();
            throw;
        }

        if (breaker.RecordSuccess())
        {
            Log.Closed(logger);
        }

        return response;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "VLM failed {Failures} calls in a row: not calling it for {Seconds:0} s at a time until it answers again; answering offline meanwhile")]
        public static partial void Opened(ILogger logger, int failures, double seconds);

        [LoggerMessage(2, LogLevel.Debug, "VLM still failing after a break: not calling it for another {Seconds:0} s")]
        public static partial void Reopened(ILogger logger, double seconds);

        [LoggerMessage(3, LogLevel.Information, "VLM answering again: calling it again")]
        public static partial void Closed(ILogger logger);
    }
}
