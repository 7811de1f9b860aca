using Microsoft.Extensions.Logging;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The one <see cref="HttpClient"/> the VLM provider sends through: <see cref="CircuitBreakerHandler"/>, then
/// <see cref="ResilientHttpHandler"/>, then the primary handler. A singleton: the container disposes it, and with it the handlers.
/// </summary>
internal sealed class ReasoningHttp : IDisposable
{
    public ReasoningHttp(ReasoningOptions options, ReasoningTransport transport, TimeProvider time, ILoggerFactory loggers)
    {
        var breaker = new CircuitBreaker(options.BreakAfterFailures, TimeSpan.FromSeconds(options.BreakSeconds), time);
        var handler = new CircuitBreakerHandler(breaker, loggers.CreateLogger<CircuitBreakerHandler>())
        {
            InnerHandler = new ResilientHttpHandler(options, time, loggers.CreateLogger<ResilientHttpHandler>())
            {
                InnerHandler = transport.CreatePrimaryHandler(),
            },
        };

        // Timeouts are per attempt, in the handler.
        Client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
