using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Models.Tests.Encoders;

/// <summary>Attributes whose vectors the concept stores are not embedded again, and score exactly as if they were.</summary>
public sealed class CrossModalVerifierTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task Verify_StoredVectors_EmbedsOnlyTheUnknownAttributesAndScoresTheSame()
    {
        var region = (await miniLm.Encoder.EncodeAsync(["a golden dog with a red collar"]))[0];
        var query = new ImageAnalysis("hash", 100, 100, [], [new ImageRegion(new BoundingBox(0, 0, 100, 100), "whole", null, 1, new float[4], region, [], [])], []);
        AttributeClaim[] claims = [new(ConceptName.Parse("bo"), ["golden fur", "red collar", "floppy ears"], 0)];
        var stored = (await miniLm.Encoder.EncodeAsync(["golden fur", "red collar"])).ToArray();
        var known = new Dictionary<string, ReadOnlyMemory<float>> { ["golden fur"] = stored[0], ["red collar"] = stored[1] };

        var embedAll = new CountingTextEncoder(miniLm.Encoder);
        var reuse = new CountingTextEncoder(miniLm.Encoder);
        var fresh = (await new CrossModalVerifier(embedAll).VerifyAsync(query, claims))[0];
        var reused = (await new CrossModalVerifier(reuse).VerifyAsync(query, claims, known))[0];

        Assert.Equal(3, embedAll.Texts);
        Assert.Equal(1, reuse.Texts);
        Assert.Equal(fresh.Attributes.Select(e => e.Attribute), reused.Attributes.Select(e => e.Attribute));
        Assert.Equal((double)fresh.Score!, (double)reused.Score!, 4);
    }
}
