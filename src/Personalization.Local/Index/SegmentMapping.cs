using System.IO.MemoryMappedFiles;

namespace Personalization.Local.Index;

/// <summary>
/// One segment file mapped read-only into memory. The kernel reads its pages from the file when they are first touched
/// and may drop them again under memory pressure (they are the file's, not the process's), so a loaded owner costs no
/// copy of its vectors. Owned by the <see cref="MappedVectors"/> that view it: the mapping is released by its finalizer
/// once none of them is reachable, never by a call, because a concept handed to a caller must stay readable however
/// many writes or compactions (which delete the file: the mapping keeps its pages) come after.
/// </summary>
internal sealed unsafe class SegmentMapping
{
    private readonly MemoryMappedViewAccessor _view;

    private SegmentMapping(MemoryMappedViewAccessor view, byte* start, long length)
    {
        _view = view;
        Start = start;
        Length = length;
    }

    ~SegmentMapping()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
    }

    /// <summary>The file's first byte.</summary>
    public byte* Start { get; }

    /// <summary>The file's length in bytes, as mapped.</summary>
    public long Length { get; }

    /// <summary>Maps the whole of <paramref name="stream"/>'s file (at least one byte long); the stream may be closed after.</summary>
    public static SegmentMapping Map(FileStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new SegmentMapping(view, pointer + view.PointerOffset, stream.Length);
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }
}
