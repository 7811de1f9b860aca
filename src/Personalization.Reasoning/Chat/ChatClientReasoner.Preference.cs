using System.Globalization;
using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Preference;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner : IPreferenceJudge
{
    /// <summary>
    /// PreferThinker's predict step with a VLM: the liked then the disliked images → per dimension what the user likes
    /// and dislikes. The measured centroids and weights of the offline model are kept beside the VLM's terms (they
    /// weigh the dimensions and serve as the fallback).
    /// </summary>
    public async Task<PreferenceProfile> PredictProfileAsync(string owner, IReadOnlyList<PreferenceImage> liked, IReadOnlyList<PreferenceImage> disliked, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        var measured = OfflinePreferenceModel.BuildProfile(owner, [.. liked.Select(i => i.Described)], [.. disliked.Select(i => i.Described)], createdAt);
        return await WithFallbackAsync(
            ReasoningStages.PreferenceProfile,
            null,
            async ct =>
            {
                List<AIContent> content = [new TextContent(ReasoningPrompts.WithData("The images follow: liked first, then disliked.", new { liked = liked.Count, disliked = disliked.Count }))];
                foreach (var image in liked.Concat(disliked))
                {
                    content.Add(await PictureAsync(image.Source, null, ct).ConfigureAwait(false));
                }

                var (answer, _) = await AskAsync<ProfileAnswer>(ReasoningStages.PreferenceProfile, ReasoningPrompts.PreferenceProfile, content, NewOptions(), a => a.Problem(), ct).ConfigureAwait(false);
                return measured with
                {
                    Version = $"{Name} + {OfflinePreferenceModel.Version} weights",
                    // The model's words, only on the dimensions where the liked and disliked references measurably differ.
                    Dimensions = [.. measured.Dimensions.Select(d => Differ(d)
                        ? d with { Likes = answer.For(d.Dimension).CleanLikes, Dislikes = answer.For(d.Dimension).CleanDislikes, Support = null }
                        : d with { Likes = [], Dislikes = [], Support = [] })],
                };
            },
            why => Task.FromResult(measured with { Version = $"{OfflinePreferenceModel.Version} (offline fallback: {why})" }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// PreferThinker's assess-then-answer with a VLM, asked in both orders: the order asked first is chosen by the
    /// candidates' content hashes (so position bias cannot favour whichever the caller put first), and a verdict that
    /// changes with the order is reported as inconsistent and decided by the summed per-dimension scores instead.
    /// </summary>
    public Task<PreferenceVerdict> JudgeAsync(PreferenceProfile profile, PreferenceImage a, PreferenceImage b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return WithFallbackAsync(
            ReasoningStages.PreferenceAssess,
            null,
            async ct =>
            {
                var swapFirst = string.CompareOrdinal(a.Described.ContentHash, b.Described.ContentHash) > 0;
                var (x, y) = swapFirst ? (b, a) : (a, b);
                var first = await AssessAndAnswerAsync(profile, x, y, ct).ConfigureAwait(false);
                var second = await AssessAndAnswerAsync(profile, y, x, ct).ConfigureAwait(false);

                // Scores of a and b in each order, per dimension, on 0..1.
                var rows = profile.Dimensions.Select(d =>
                {
                    var r1 = first.Rows.First(r => PreferenceDimensions.Parse(r.Dimension) == d.Dimension);
                    var r2 = second.Rows.First(r => PreferenceDimensions.Parse(r.Dimension) == d.Dimension);
                    var (aFirst, bFirst) = swapFirst ? (r1.ScoreB!.Value, r1.ScoreA!.Value) : (r1.ScoreA!.Value, r1.ScoreB!.Value);
                    var (aSecond, bSecond) = swapFirst ? (r2.ScoreA!.Value, r2.ScoreB!.Value) : (r2.ScoreB!.Value, r2.ScoreA!.Value);
                    return new DimensionAssessment(d.Dimension, Math.Round((aFirst + aSecond) / 20, 4), Math.Round((bFirst + bSecond) / 20, 4), d.Weight, Clip(r1.Reason?.Trim() ?? string.Empty, 300));
                }).ToList();

                // Did each order pick a (true) or b?
                var firstPicksA = first.Answer.IsA != swapFirst;
                var secondPicksA = second.Answer.IsA == swapFirst;
                var consistent = firstPicksA == secondPicksA;
                var picksA = consistent ? firstPicksA : rows.Sum(r => r.ScoreA) >= rows.Sum(r => r.ScoreB);
                var confidence = consistent
                    ? Math.Clamp(((first.Answer.Confidence ?? 0.75) + (second.Answer.Confidence ?? 0.75)) / 2, 0.5, 1)
                    : 0.5;
                var c = CultureInfo.InvariantCulture;
                string Label(bool isA) => isA ? "A" : "B";
                IReadOnlyList<string> stages =
                [
                    $"profile: {profile.Version}",
                    string.Create(c, $"assessment ({(swapFirst ? "B shown first" : "A shown first")}): A {rows.Sum(r => r.ScoreA):F2}, B {rows.Sum(r => r.ScoreB):F2} over five dimensions"),
                    $"answer, first order: {Label(firstPicksA)} ({Clip(first.Answer.Reason ?? string.Empty, 200)})",
                    $"answer, swapped order: {Label(secondPicksA)} ({Clip(second.Answer.Reason ?? string.Empty, 200)})",
                    consistent ? "consistent when swapped" : "INCONSISTENT when swapped: decided by the summed dimension scores",
                ];
                var reason = consistent
                    ? $"{Label(picksA)} preferred in both orders: {Clip(first.Answer.Reason ?? string.Empty, 200)}"
                    : $"the model changed its answer when the order was swapped; the per-dimension scores favour {Label(picksA)}";
                return new PreferenceVerdict(a.Described.Id, b.Described.Id, Label(picksA), Math.Round(confidence, 4), rows, consistent, Name, reason, stages);
            },
            why =>
            {
                var verdict = OfflinePreferenceModel.Judge(profile, a.Described, b.Described);
                return Task.FromResult(verdict with { Reason = $"offline fallback ({why}): {verdict.Reason}" });
            },
            cancellationToken);
    }

    private async Task<(IReadOnlyList<AssessRow> Rows, PreferredAnswer Answer)> AssessAndAnswerAsync(PreferenceProfile profile, PreferenceImage first, PreferenceImage second, CancellationToken cancellationToken)
    {
        var taste = profile.Dimensions.Select(d => new { dimension = OfflinePreferenceModel.Name(d.Dimension), likes = d.Likes, dislikes = d.Dislikes }).ToList();
        var pictures = new List<AIContent>
        {
            await PictureAsync(first.Source, null, cancellationToken).ConfigureAwait(false),
            await PictureAsync(second.Source, null, cancellationToken).ConfigureAwait(false),
        };
        List<AIContent> assessContent = [new TextContent(ReasoningPrompts.WithData("The user's taste profile:", new { profile = taste })), .. pictures];
        var (assessment, _) = await AskAsync<AssessAnswer>(ReasoningStages.PreferenceAssess, ReasoningPrompts.PreferenceAssess, assessContent, NewOptions(), a => a.Problem(), cancellationToken).ConfigureAwait(false);
        var rows = assessment.Dimensions!.OfType<AssessRow>().ToList();
        List<AIContent> answerContent =
        [
            new TextContent(ReasoningPrompts.WithData("The profile and the assessment:", new { profile = taste, assessment = rows.Select(r => new { r.Dimension, r.Reason, score_a = r.ScoreA, score_b = r.ScoreB }) })),
            .. pictures,
        ];
        var (answer, _) = await AskAsync<PreferredAnswer>(ReasoningStages.PreferenceAnswer, ReasoningPrompts.PreferenceAnswer, answerContent, NewOptions(), a => a.Problem(), cancellationToken).ConfigureAwait(false);
        return (rows, answer);
    }

    private static bool Differ(DimensionProfile d) => d.DislikedCentroid is not null && d.Weight >= OfflinePreferenceModel.MinSeparation;
}
