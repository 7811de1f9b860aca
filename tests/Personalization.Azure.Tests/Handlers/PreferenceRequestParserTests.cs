using Personalization.Azure.Handlers;

namespace Personalization.Azure.Tests.Handlers;

public sealed class PreferenceRequestParserTests
{
    private static readonly PreferenceRequestOptions Options = new() { MaxMessageBytes = 1024, MaxReferences = 3, MaxPairs = 2 };

    [Fact]
    public void TryParse_FullRequest_KeepsEveryPathInOrder()
    {
        const string text = """{"owner":"alice","request_id":"r-1","liked":["l/1.jpg","l/2.jpg"],"disliked":["d/1.jpg"],"pairs":[{"a":"c/1.jpg","b":"c/2.jpg"}]}""";

        Assert.True(PreferenceRequestParser.TryParse(text, Options, out var request, out var reason), reason);

        Assert.Equal(("alice", "r-1"), (request!.Owner.Value, request.RequestId));
        Assert.Equal(["l/1.jpg", "l/2.jpg"], request.Liked);
        Assert.Equal(["d/1.jpg"], request.Disliked);
        Assert.Equal(("c/1.jpg", "c/2.jpg"), (request.Pairs[0].A, request.Pairs[0].B));
    }

    [Fact]
    public void TryParse_NoRequestIdAndNoReferences_DerivesTheIdFromTheMessage()
    {
        const string text = """{"owner":"alice","pairs":[{"a":"c/1.jpg","b":"c/2.jpg"}]}""";

        Assert.True(PreferenceRequestParser.TryParse(text, Options, out var first, out _));
        Assert.True(PreferenceRequestParser.TryParse(text, Options, out var again, out _));
        Assert.True(PreferenceRequestParser.TryParse(text.Replace("2.jpg", "3.jpg", StringComparison.Ordinal), Options, out var other, out _));

        Assert.Empty(first!.Liked);
        Assert.Matches("^[0-9a-f]{16}$", first.RequestId);
        Assert.Equal(first.RequestId, again!.RequestId);
        Assert.NotEqual(first.RequestId, other!.RequestId);
    }

    [Theory]
    [InlineData("not json", "malformed")]
    [InlineData("""{"owner":"o'brien","pairs":[{"a":"a","b":"b"}]}""", "owner id contains the character '''")]
    [InlineData("""{"owner":"alice","request_id":"../x","pairs":[{"a":"a","b":"b"}]}""", "request_id")]
    [InlineData("""{"owner":"alice","request_id":".hidden","pairs":[{"a":"a","b":"b"}]}""", "request_id")]
    [InlineData("""{"owner":"alice"}""", "\"pairs\" must list 1 to 2")]
    [InlineData("""{"owner":"alice","pairs":[]}""", "\"pairs\" must list 1 to 2")]
    [InlineData("""{"owner":"alice","pairs":[{"a":"1","b":"2"},{"a":"3","b":"4"},{"a":"5","b":"6"}]}""", "\"pairs\" must list 1 to 2")]
    [InlineData("""{"owner":"alice","pairs":[{"a":"a.jpg"}]}""", "needs \"a\" and \"b\"")]
    [InlineData("""{"owner":"alice","pairs":[null]}""", "needs \"a\" and \"b\"")]
    [InlineData("""{"owner":"alice","liked":["../bob/x.jpg"],"pairs":[{"a":"a","b":"b"}]}""", "'..'")]
    [InlineData("""{"owner":"alice","pairs":[{"a":"a","b":"x//y"}]}""", "empty")]
    [InlineData("""{"owner":"alice","liked":[null],"pairs":[{"a":"a","b":"b"}]}""", "null")]
    [InlineData("""{"owner":"alice","liked":["1","2"],"disliked":["3","4"],"pairs":[{"a":"a","b":"b"}]}""", "at most 3")]
    public void TryParse_BadRequest_GivesReason(string text, string expected)
    {
        Assert.False(PreferenceRequestParser.TryParse(text, Options, out var request, out var reason));
        Assert.Null(request);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversized_SaysSo()
    {
        var text = $$"""{"owner":"alice","request_id":"{{new string('a', 2000)}}","pairs":[]}""";
        Assert.False(PreferenceRequestParser.TryParse(text, Options, out _, out var reason));
        Assert.StartsWith("oversized", reason, StringComparison.Ordinal);
    }
}
