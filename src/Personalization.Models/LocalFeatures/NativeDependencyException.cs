namespace Personalization.Models.LocalFeatures;

/// <summary>A native library the configuration needs cannot be loaded on this machine; the message says what to install.</summary>
public sealed class NativeDependencyException(string message, Exception? inner = null) : DllNotFoundException(message, inner);
