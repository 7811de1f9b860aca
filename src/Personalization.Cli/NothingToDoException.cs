namespace Personalization.Cli;

/// <summary>The input holds nothing to work on (no images, no queries): one <c>error:</c> line and exit code 2, nothing written.</summary>
internal sealed class NothingToDoException(string message) : Exception(message);
