using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

/// <summary>Vectors handed out as views of a mapped file: each the floats written at its place, across runs.</summary>
public sealed class MappedVectorsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Views_RunsSmallerThanTheFile_EachVectorIsItsFloats()
    {
        var file = Path.Combine(_data.Path, "floats.bin");
        var floats = Enumerable.Range(0, 64 + 15).Select(i => (float)i).ToArray();
        File.WriteAllBytes(file, [.. floats.SelectMany(BitConverter.GetBytes)]);
        int[] lengths = [3, 2, 0, 4, 1, 5];
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);

        // From float 64 on (the float area's place in a segment), runs of at most 5 floats: 3+2, 0+4+1, 5.
        var views = ConceptSegmentFile.Views(SegmentMapping.Map(stream), 64 * sizeof(float), lengths, maxRunFloats: 5);

        var start = 64;
        for (var v = 0; v < lengths.Length; v++)
        {
            Assert.Equal(floats.AsSpan(start, lengths[v]).ToArray(), views[v].ToArray());
            start += lengths[v];
        }
    }

    [Fact]
    public void Create_RunPastTheEndOfTheFile_Throws()
    {
        var file = Path.Combine(_data.Path, "floats.bin");
        File.WriteAllBytes(file, new byte[64]);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        var mapping = SegmentMapping.Map(stream);

        Assert.Throws<ArgumentOutOfRangeException>(() => new MappedVectors(mapping, 4, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MappedVectors(mapping, 2, 1));
        Assert.Equal(16, new MappedVectors(mapping, 0, 16).Memory.Length);
    }
}
