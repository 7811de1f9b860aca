using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Tests.Storage;

public sealed class BlobPathsTests
{
    [Theory]
    [InlineData("alice/trip/1.jpg", "alice", "trip/1.jpg")]
    [InlineData("alice/1.jpg", "alice", "1.jpg")]
    [InlineData("alice/a b/ü.jpg", "alice", "a b/ü.jpg")]
    public void TryParseImage_OwnerAndPath_SplitsThem(string blob, string owner, string path)
    {
        Assert.True(BlobPaths.TryParseImage(blob, out var id, out var rest, out var error), error);
        Assert.Equal((owner, path), (id.Value, rest));
    }

    [Theory]
    [InlineData("alice", "{owner}/{path}")]
    [InlineData("alice/", "{owner}/{path}")]
    [InlineData("/x.jpg", "{owner}/{path}")]
    [InlineData("alice/../bob/x.jpg", "'..'")]
    [InlineData("alice/./x.jpg", "'.'")]
    [InlineData("alice/a//x.jpg", "empty")]
    [InlineData("alice/..\\bob\\x.jpg", "backslash")]
    [InlineData("o'brien/x.jpg", "owner id")]
    public void TryParseImage_UnsafeName_IsRefusedWithAReason(string blob, string expected)
    {
        Assert.False(BlobPaths.TryParseImage(blob, out _, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PreferenceResult_IsUnderTheOwner()
    {
        Assert.Equal("alice/_preferences/r1.json", BlobPaths.PreferenceResult(OwnerId.Parse("alice"), "r1"));
    }
}
