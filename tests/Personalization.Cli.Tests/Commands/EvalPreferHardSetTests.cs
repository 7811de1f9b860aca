using Microsoft.Extensions.Options;
using Personalization.Cli.Commands;
using Personalization.Models.Imaging;
using Personalization.Models.Preference;

namespace Personalization.Cli.Tests.Commands;

/// <summary>The harder eval-prefer set (<c>--hard</c>): who the simulated users are, and that the subtle levels render.</summary>
public sealed class EvalPreferHardSetTests
{
    [Fact]
    public void CreateHard_HasSubtleTwoDimensionAndDislikesOneUsers_WithCandidatesOfOtherContent()
    {
        var users = SimulatedUsers.CreateHard(single: 8, multi: 4, baseCount: 40, references: 3, seed: 7);

        Assert.Equal(20, users.Count);
        Assert.Equal(8, users.Count(u => u.Kind == "subtle"));
        Assert.All(users.Where(u => u.Kind == "subtle-two"), u => Assert.Equal(2, u.Dimensions.Count));
        Assert.All(users.Where(u => u.Kind == "dislikes-one"), u =>
        {
            Assert.Empty(u.Liked);
            Assert.NotEqual("photo", Assert.Single(u.Disliked));
        });
        Assert.All(users, u =>
        {
            Assert.NotEqual(u.CandidateBase, u.OtherCandidateBase);
            var references = u.LikedBases.Concat(u.DislikedBases).ToList();
            Assert.DoesNotContain(u.CandidateBase, references);
            Assert.DoesNotContain(u.OtherCandidateBase, references);
            Assert.Equal(references.Count, references.Distinct().Count());
        });
        Assert.Contains(users, u => u.Liked.Contains("saturation:1.25") || u.Disliked.Contains("saturation:1.25"));
    }

    [Fact]
    public void CreateHard_UsersWithALikedLevel_DislikeADifferentOne()
    {
        // Seed 7's default set drew "photo" as the disliked medium of subtle users, which once made them dislike the level
        // they liked: a user with no preference, whose verdict is a coin toss.
        var users = SimulatedUsers.CreateHard(single: 40, multi: 12, baseCount: 37, references: 3, seed: 7);

        Assert.All(users.Where(u => u.Kind != "dislikes-one"), u => Assert.Empty(u.Liked.Intersect(u.Disliked)));
        Assert.Contains(users, u => u.Kind == "subtle" && u.Disliked.SequenceEqual(["photo"]));
    }

    [Theory]
    [InlineData("saturation:1.25")]
    [InlineData("saturation:0.75")]
    [InlineData("cast:forest green:0.15")]
    [InlineData("blur:1.2")]
    [InlineData("sharpen:0.5")]
    public void Render_SubtleLevel_ChangesThePhoto(string style)
    {
        var decoder = new SkiaImageDecoder(Options.Create(new ImageLimits()));
        var source = SyntheticStyle.Render(decoder, Gradient(), ["photo"]);
        var subtle = SyntheticStyle.Render(decoder, source, [style]);
        Assert.NotEqual(source, subtle);
    }

    private static byte[] Gradient()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        for (var y = 0; y < 48; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                bitmap.SetPixel(x, y, new SkiaSharp.SKColor((byte)(x * 4), (byte)(y * 5), (byte)((x + y) * 2)));
            }
        }

        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
