using Personalization.Azure.Handlers;

namespace Personalization.Azure.Tests.Handlers;

public sealed class BulkRequestParserTests
{
    private static readonly BulkOptions Options = new() { MaxMessageBytes = 1024, MaxItems = 3 };

    [Theory]
    [InlineData("""{"owner":"alice","prefix":"trip/"}""", "alice", "trip/")]
    [InlineData("""{"Owner":"alice","Blobs":["a.jpg","x/b.jpg"]}""", "alice", null)]
    public void TryParse_ValidRequest_ReturnsIt(string text, string owner, string? prefix)
    {
        Assert.True(BulkRequestParser.TryParse(text, Options, out var parsed, out var reason), reason);
        Assert.Equal(owner, parsed!.Owner.Value);
        Assert.Equal(prefix, parsed.Prefix);
    }

    [Theory]
    [InlineData("not json", "malformed")]
    [InlineData("""{"owner":"alice"}""", "either")]
    [InlineData("""{"owner":"o'brien","prefix":""}""", "owner id contains the character '''")]
    [InlineData("""{"owner":"alice","blobs":["../bob/x.jpg"]}""", "'..'")]
    [InlineData("""{"owner":"alice","blobs":["..\\bob\\x.jpg"]}""", "backslash")]
    [InlineData("""{"owner":"alice","blobs":["a","b","c","d"]}""", "1 to 3")]
    [InlineData("""{"owner":"alice","prefix":"../bob/"}""", "relative path")]
    public void TryParse_BadRequest_GivesReason(string text, string expected)
    {
        Assert.False(BulkRequestParser.TryParse(text, Options, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversized_SaysSo()
    {
        var text = $$"""{"owner":"alice","prefix":"{{new string('a', 2000)}}"}""";
        Assert.False(BulkRequestParser.TryParse(text, Options, out _, out var reason));
        Assert.StartsWith("oversized", reason, StringComparison.Ordinal);
    }
}
