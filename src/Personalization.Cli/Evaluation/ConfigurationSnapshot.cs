using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;

namespace Personalization.Cli.Evaluation;

/// <summary>The settings that decide a run's results, for reports and side-by-side comparisons.</summary>
internal static class ConfigurationSnapshot
{
    public static IReadOnlyDictionary<string, string> Of(IServiceProvider services)
    {
        var c = CultureInfo.InvariantCulture;
        var recognition = services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        var encoders = services.GetRequiredService<IOptions<EncoderOptions>>().Value;
        var detection = services.GetRequiredService<IOptions<DetectionOptions>>().Value;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Encoders:Image"] = encoders.Image,
            ["Reasoner"] = services.GetRequiredService<IReasoner>().Name,
            ["Detection:MaxRegions"] = detection.MaxRegions.ToString(c),
            ["Recognition:TopK"] = recognition.TopK.ToString(c),
            ["Recognition:TextWeight"] = recognition.TextWeight.ToString(c),
            ["Recognition:RejectBelow"] = recognition.RejectBelow.ToString(c),
            ["Recognition:AcceptAbove"] = recognition.AcceptAbove.ToString(c),
            ["Recognition:PairwiseMidpoint"] = recognition.PairwiseMidpoint.ToString(c),
            ["Recognition:PairwiseAccept"] = recognition.PairwiseAccept.ToString(c),
            ["Recognition:ConfirmedPenalty"] = recognition.ConfirmedPenalty.ToString(c),
        };
    }
}
