using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Local.Storage;

namespace Personalization.Local.Tests.Storage;

public sealed class FileSystemImageStoreTests
{
    [Fact]
    public async Task PutAsync_ThenGetAsync_ReturnsTheBytesPerOwner()
    {
        using var dir = new TempDirectory();
        var store = new FileSystemImageStore(Options.Create(new LocalDataOptions { Directory = dir.Path }));
        var alice = OwnerId.Parse("alice");

        await store.PutAsync(alice, "ABCDEF01", new byte[] { 1, 2, 3 });
        await store.PutAsync(alice, "abcdef01", new byte[] { 9 });

        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.GetAsync(alice, "abcdef01"))!.Value.ToArray());
        Assert.Null(await store.GetAsync(OwnerId.Parse("bob"), "abcdef01"));
        Assert.Null(await store.GetAsync(alice, "00"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("abc/def")]
    public async Task GetAsync_NotAHash_Throws(string hash)
    {
        using var dir = new TempDirectory();
        var store = new FileSystemImageStore(Options.Create(new LocalDataOptions { Directory = dir.Path }));

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(OwnerId.Parse("alice"), hash));
    }
}
