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
    public void InstanceIds_SameInputsSameId_DifferentOwnerOrBytesDifferentId()
    {
        var alice = OwnerId.Parse("alice");
        var bob = OwnerId.Parse("bob");

        Assert.Equal(BlobPaths.RecognitionInstanceId(alice, "a.jpg", "h1"), BlobPaths.RecognitionInstanceId(alice, "a.jpg", "h1"));
        Assert.NotEqual(BlobPaths.RecognitionInstanceId(alice, "a.jpg", "h1"), BlobPaths.RecognitionInstanceId(alice, "a.jpg", "h2"));
        Assert.NotEqual(BlobPaths.RecognitionInstanceId(alice, "a.jpg", "h1"), BlobPaths.RecognitionInstanceId(bob, "a.jpg", "h1"));
        Assert.NotEqual(BlobPaths.PreferenceInstanceId(alice, "r1"), BlobPaths.PreferenceInstanceId(bob, "r1"));
        Assert.Equal("alice/_preferences/r1.json", BlobPaths.PreferenceResult(alice, "r1"));
    }
}
