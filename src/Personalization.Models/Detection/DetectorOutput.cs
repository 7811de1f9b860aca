namespace Personalization.Models.Detection;

/// <summary>
/// What the detector found in one photo: <paramref name="Detections"/>, the boxes it is sure enough of to report (the
/// photo's detections, as captions and results show them), and <paramref name="Proposals"/>, boxes it is less sure of
/// (objectness down to <see cref="DetectionOptions.ProposalObjectness"/>) that are only searched as regions: a small owned
/// thing that is no COCO class often scores just there. Each list is best first.
/// </summary>
public sealed record DetectorOutput(IReadOnlyList<Core.Domain.Detection> Detections, IReadOnlyList<Core.Domain.Detection> Proposals);
