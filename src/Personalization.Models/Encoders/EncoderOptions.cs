using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.Encoders;

/// <summary>Which encoders embed images and text (configuration section <c>Encoders</c>).</summary>
public sealed class EncoderOptions
{
    public const string SectionName = "Encoders";

    /// <summary><c>mobilenetv2</c> (default), <c>resnet18</c> or <c>clip</c> (needs the CLIP model files).</summary>
    [RegularExpression("^(mobilenetv2|resnet18|clip)$", ErrorMessage = "Encoders:Image must be mobilenetv2, resnet18 or clip.")]
    public string Image { get; set; } = "mobilenetv2";

    /// <summary>MobileNetV2 with its pooled features as a second output; also gives the ImageNet labels.</summary>
    public string MobileNetV2Model { get; set; } = "features/mobilenetv2-12-int8-features.onnx";

    public string ImageNetLabels { get; set; } = "features/imagenet1k.txt";

    /// <summary>ResNet18 and its preprocessing graph, as the NuGet package copies them to the build output.</summary>
    public string ResNet18Model { get; set; } = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";

    public string ResNet18Preprocess { get; set; } = "DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";

    /// <summary>
    /// How MobileNetV2's last 1280×7×7 feature map becomes the region's vector: <c>gem</c> (generalised mean, p =
    /// <see cref="GemPower"/>: stresses the strongest local responses, which suits a small object in a large region) or
    /// <c>average</c> (the model's own global average pool).
    /// </summary>
    [RegularExpression("^(gem|average)$", ErrorMessage = "Encoders:Pooling must be gem or average.")]
    public string Pooling { get; set; } = "average";

    [Range(1.0, 10.0)]
    public double GemPower { get; set; } = 3;

    /// <summary>The dequantised last feature map of the MobileNetV2 model (before pooling), used for GeM.</summary>
    public string MobileNetV2FeatureMap { get; set; } = "627";

    /// <summary>Regions per model call.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>How many of the most likely ImageNet labels feed the label bridge and the attributes.</summary>
    [Range(1, 1000)]
    public int BridgeLabels { get; set; } = 10;
}
