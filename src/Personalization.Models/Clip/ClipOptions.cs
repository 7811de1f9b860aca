using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.Clip;

/// <summary>
/// Where the CLIP files are and how large a batch one inference may take (configuration section <c>Clip</c>).
/// Paths are relative to the model folders of <see cref="Onnx.ModelOptions"/> (or absolute).
/// A plain options object: not thread-safe to mutate, safe to read once bound.
/// </summary>
public sealed class ClipOptions
{
    public const string SectionName = "Clip";

    /// <summary>The image tower: <c>pixel_values</c> [N,3,224,224] → <c>image_embeds</c> [N,D].</summary>
    [Required]
    public string VisionModel { get; set; } = "clip/vision_model.onnx";

    /// <summary>The text tower: <c>input_ids</c> int64 [N,S] (and maybe <c>attention_mask</c>) → <c>text_embeds</c> [N,D].</summary>
    [Required]
    public string TextModel { get; set; } = "clip/text_model.onnx";

    /// <summary>The gzip BPE merges list of openai/CLIP.</summary>
    [Required]
    public string Vocabulary { get; set; } = "clip/bpe_simple_vocab_16e6.txt.gz";

    /// <summary>Most images or texts per inference call; larger inputs are run in chunks of this size.</summary>
    [Range(1, 4096)]
    public int MaxBatchSize { get; set; } = 32;
}
