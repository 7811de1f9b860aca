namespace Personalization.Reasoning.Chat;

/// <summary>
/// Makes the primary HTTP handler under the VLM's retry policy: a plain <see cref="SocketsHttpHandler"/> unless
/// a host registers its own (a proxy, or a test that trusts its own certificate) before <c>AddReasoning</c>.
/// </summary>
public sealed class ReasoningTransport(Func<HttpMessageHandler> createPrimaryHandler)
{
    public static ReasoningTransport Default { get; } = new(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    public Func<HttpMessageHandler> CreatePrimaryHandler { get; } = createPrimaryHandler ?? throw new ArgumentNullException(nameof(createPrimaryHandler));
}
