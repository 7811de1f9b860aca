using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary>A photo waiting for recognition: its job id, owner and path under the owner's uploads.</summary>
internal sealed record QueuedPhoto(string InstanceId, OwnerId Owner, string Path);
