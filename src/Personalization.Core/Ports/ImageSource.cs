namespace Personalization.Core.Ports;

/// <summary>An image that is read only when it is needed (so a batch of thousands does not sit in memory).</summary>
/// <param name="Id">The caller's name for it: a path or blob name.</param>
public sealed record ImageSource(string Id, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> ReadAsync)
{
    public static ImageSource FromFile(string path) =>
        new(path, async ct => await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));

    public static ImageSource FromBytes(string id, ReadOnlyMemory<byte> bytes) =>
        new(id, _ => Task.FromResult(bytes));
}
