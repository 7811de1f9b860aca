namespace Personalization.Core.Domain;

/// <summary>One object proposed by the detector.</summary>
/// <param name="Box">Where, in original-image pixels.</param>
/// <param name="Label">The detector's class name (COCO for YOLOX).</param>
/// <param name="Objectness">How sure the detector is that something is there, whatever its class.</param>
/// <param name="ClassScore">How sure it is of the class, given an object.</param>
public sealed record Detection(BoundingBox Box, int ClassId, string Label, float Objectness, float ClassScore)
{
    /// <summary>The usual detection confidence: objectness times class probability.</summary>
    public float Score => Objectness * ClassScore;
}
