using System.Text.Json;
using Azure.Storage.Queues;
using Personalization.Azure.Storage;

namespace Personalization.Azure.Handlers;

/// <summary>Rejected messages go to a poison queue wrapped with their reason, cut to 4 KiB so a huge one fits.</summary>
internal static class PoisonMessages
{
    private const int MaxKeptChars = 4096;

    public static async Task SendAsync(QueueClient poisonQueue, string messageText, string reason, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Serialize(new PoisonEnvelope(reason, messageText.Length > MaxKeptChars ? messageText[..MaxKeptChars] : messageText), StorageJson.Messages);
        await poisonQueue.SendMessageAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    private sealed record PoisonEnvelope(string Reason, string Message);
}
