using System.Buffers;

namespace Personalization.Local.Index;

/// <summary>
/// A run of float32 rows inside a <see cref="SegmentMapping"/>, handed out as <see cref="ReadOnlyMemory{T}"/> (a concept's
/// vectors are slices of it). Holding any such memory keeps the mapping alive; there is nothing to dispose (see
/// <see cref="SegmentMapping"/>). A span taken from it must not outlive the memory it came from, as with any memory manager.
/// </summary>
internal sealed unsafe class MappedVectors : MemoryManager<float>
{
    private readonly SegmentMapping _mapping;
    private readonly float* _start;
    private readonly int _length;

    /// <param name="byteOffset">Where the run starts in the file: a multiple of 4.</param>
    /// <param name="length">Floats in the run.</param>
    public MappedVectors(SegmentMapping mapping, long byteOffset, int length)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (byteOffset < 0 || byteOffset % sizeof(float) != 0 || length < 0 || byteOffset + ((long)length * sizeof(float)) > mapping.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(byteOffset), "the run is not inside the mapped file");
        }

        _mapping = mapping;
        _start = (float*)(mapping.Start + byteOffset);
        _length = length;
    }

    public override Span<float> GetSpan() => new(_start, _length);

    /// <summary>Nothing to pin: the memory never moves. The handle keeps the mapping alive while it is held.</summary>
    public override MemoryHandle Pin(int elementIndex = 0) =>
        (uint)elementIndex <= (uint)_length ? new MemoryHandle(_start + elementIndex, default, this) : throw new ArgumentOutOfRangeException(nameof(elementIndex));

    public override void Unpin()
    {
    }

    /// <summary>Nothing to release here: the mapping goes with the last memory that views it.</summary>
    protected override void Dispose(bool disposing) => GC.KeepAlive(_mapping);
}
