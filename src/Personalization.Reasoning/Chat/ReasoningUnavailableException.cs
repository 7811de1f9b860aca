namespace Personalization.Reasoning.Chat;

/// <summary>
/// The model could not be reached in time: timeouts, network errors, 408, 429 or 5xx after every retry.
/// Transient by nature, so the reasoner answers that item offline instead (and the trace says so).
/// Derives from <see cref="HttpRequestException"/> so provider clients wrap it like any transport failure.
/// </summary>
public sealed class ReasoningUnavailableException(string message, Exception? inner = null) : HttpRequestException(message, inner);
