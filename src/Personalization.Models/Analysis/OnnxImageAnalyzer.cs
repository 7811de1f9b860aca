using System.Buffers;
using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Models.Clip;
using Personalization.Models.Colors;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.LocalFeatures;
using Personalization.Models.Onnx;
using SkiaSharp;

namespace Personalization.Models.Analysis;

/// <summary>
/// The perception pipeline on ONNX Runtime: decode (with limits) → YOLOX detection → region choice →
/// batched MobileNetV2 over all regions of all images (features, ImageNet labels, label bridge) →
/// optional ResNet18 features → named colours. Thread-safe; owns the models it creates.
/// </summary>
public sealed class OnnxImageAnalyzer : IImageAnalyzer, IDisposable
{
    private const int PatchSize = MobileNetV2Encoder.InputSize;
    private const int PatchBytes = 4 * PatchSize * PatchSize;

    // A reference photo's room tiles are embedded with its regions and kept apart from them.
    private const string RoomSource = "room";

    private readonly SkiaImageDecoder _decoder;
    private readonly YoloxDetector _detector;
    private readonly MobileNetV2Encoder _mobileNet;
    private readonly ResNet18Encoder? _resNet;
    private readonly ClipImageEncoder? _clip;
    private readonly ITextEncoder _textEncoder;
    private readonly DetectionOptions _detection;
    private readonly EncoderOptions _encoders;
    private readonly string _labelsFile;
    private readonly StageTimings _timings;
    private readonly SiftExtractor? _localFeatures;
    private readonly SemaphoreSlim _bridgeGate = new(1, 1);
    private readonly LabelVectorCache? _labelVectors;
    private LabelBridge? _bridge;

    public OnnxImageAnalyzer(
        OnnxSessionFactory sessions,
        SkiaImageDecoder decoder,
        ITextEncoder textEncoder,
        IOptions<DetectionOptions> detection,
        IOptions<EncoderOptions> encoders,
        IOptions<ClipOptions> clip,
        StageTimings timings,
        SiftExtractor? localFeatures = null,
        LabelVectorCache? labelVectors = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(encoders);
        _decoder = decoder;
        _timings = timings;
        _localFeatures = localFeatures is { Enabled: true } ? localFeatures : null;
        _textEncoder = textEncoder;
        _labelVectors = labelVectors;
        _detection = detection.Value;
        _encoders = encoders.Value;
        _labelsFile = sessions.Locator.Locate(_encoders.ImageNetLabels);
        _detector = new YoloxDetector(sessions, detection);
        try
        {
            _mobileNet = new MobileNetV2Encoder(sessions, encoders);
            if (_encoders.Image == "resnet18")
            {
                _resNet = new ResNet18Encoder(sessions, encoders);
            }
            else if (_encoders.Image == "clip")
            {
                _clip = new ClipImageEncoder(sessions, clip);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>CLIP embeds images and text in one space; CNN features pair with MiniLM through the label bridge.</summary>
    public string EncoderSpace => _clip is not null ? "clip" : $"{_encoders.Image}+minilm-bridge";

    public async Task<IReadOnlyList<ImageAnalysisResult>> AnalyzeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var bridge = await GetBridgeAsync(cancellationToken).ConfigureAwait(false);
        var results = new ImageAnalysisResult[images.Count];
        var prepared = new List<PreparedImage>(images.Count);
        try
        {
            for (var i = 0; i < images.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var input = images[i];
                try
                {
                    string hash;
                    DecodedImage decoded;
                    using (_timings.Measure(PipelineStages.Decode))
                    {
                        hash = ContentHash.Of(input.Bytes.Span);
                        decoded = _decoder.Decode(input.Bytes);
                    }

                    try
                    {
                        DetectorOutput detected;
                        using (_timings.Measure(PipelineStages.Detect))
                        {
                            detected = _detector.DetectWithProposals(decoded, cancellationToken);
                        }

                        var detections = detected.Detections;

                        var (w, h) = (decoded.OriginalWidth, decoded.OriginalHeight);
                        var focus = input.AsReference ? ReferenceFocusChooser.Choose(input.Box, detections, w, h, input.BoxIsHint) : null;
                        SegmentedObject? cut = null;
                        if (focus is { Source: ReferenceFocus.Detector or ReferenceFocus.Centre or ReferenceFocus.Found } && _detection.ReferenceSegmentation && _localFeatures is not null)
                        {
                            using (_timings.Measure(PipelineStages.Segment))
                            {
                                cut = ObjectSegmenter.Segment(decoded, focus.Box);
                            }

                            // The middle of the photo is only where to look: the cut is the object's box. A detector's box is
                            // already the object's (a cut inside it can only lose parts of it): the cut then only keeps the
                            // room's keypoints out.
                            // Where recognition found it bounds it: the cut never reaches past that box.
                            if (cut is not null && focus.Source is ReferenceFocus.Centre or ReferenceFocus.Found)
                            {
                                var tight = ReferenceFocusChooser.Pad(cut.Box, 0.05f, w, h);
                                focus = focus with { Box = focus.Source == ReferenceFocus.Found ? ReferenceFocusChooser.Within(tight, focus.Box) : tight };
                            }
                        }

                        var regions = focus is null ? RegionSelector.Select(detections, w, h, _detection, detected.Proposals) : RegionSelector.ForReference(focus, w, h, _detection);
                        if (focus is not null && _detection.ReferenceRooms)
                        {
                            regions = [.. regions, .. RegionSelector.RoomTiles(focus, w, h).Select(t => (t, RoomSource, (string?)null, 0f))];
                        }

                        // SIFT runs beside detection of the next photos and the embedding (it reads the decoded pixels only).
                        var extractor = _localFeatures;
                        var chosen = focus;
                        var local = extractor is null ? Task.FromResult<(Core.Domain.LocalFeatures?, Core.Domain.LocalFeatures?)>((null, null)) : Task.Run(() =>
                        {
                            using (_timings.Measure(PipelineStages.LocalFeatures))
                            {
                                var (features, surroundings) = chosen is null ? (extractor.ExtractWhole(decoded), null)
                                    : chosen.Source == ReferenceFocus.Whole ? (extractor.ExtractRegion(decoded, chosen.Box), null)
                                    : extractor.ExtractObject(decoded, chosen.Box);
                                return ((Core.Domain.LocalFeatures?)(cut is null ? features : SiftExtractor.Where(features, (x, y) => cut.Contains(x, y, tolerance: 2))), surroundings);
                            }
                        }, cancellationToken);

                        prepared.Add(new PreparedImage(i, hash, decoded, detections, regions) { Focus = focus, Local = local });
                    }
                    catch
                    {
                        decoded.Dispose();
                        throw;
                    }
                }
                catch (ImageRejectedException e)
                {
                    results[i] = ImageAnalysisResult.Failure(input.Id, e.Message);
                }
            }

            using (_timings.Measure(PipelineStages.Embed, prepared.Count))
            {
                await EmbedRegionsAsync(prepared, bridge, cancellationToken).ConfigureAwait(false);
            }

            foreach (var p in prepared)
            {
                var image = p.Decoded;
                var whole = p.Embedded[0];
                var rooms = p.Embedded.Where(r => r.Source == RoomSource).ToList();
                var (local, surroundings) = await p.Local.ConfigureAwait(false);
                results[p.Index] = ImageAnalysisResult.Success(
                    images[p.Index].Id,
                    new ImageAnalysis(
                        p.Hash, image.OriginalWidth, image.OriginalHeight, p.Detections, rooms.Count == 0 ? p.Embedded : [.. p.Embedded.Where(r => r.Source != RoomSource)],
                        whole.Colors, local, p.Focus, surroundings, rooms.Count == 0 ? null : rooms, 1.0 / image.Scale));
            }

            return results;
        }
        finally
        {
            // The extractions read the pixels: let every one finish (or fail) before the pixels go.
            foreach (var p in prepared)
            {
                try
                {
                    await p.Local.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Already reported by the await above, or cancelled with the batch.
                }

                p.Decoded.Dispose();
            }
        }
    }

    /// <summary>Embeds every region of every image in batches of <see cref="EncoderOptions.BatchSize"/>.</summary>
    private async Task EmbedRegionsAsync(List<PreparedImage> prepared, LabelBridge bridge, CancellationToken cancellationToken)
    {
        var work = prepared.SelectMany(p => p.Regions.Select((r, k) => (Image: p, Region: r, Slot: k))).ToList();
        var batchSize = _encoders.BatchSize;
        var buffer = ArrayPool<byte>.Shared.Rent(batchSize * PatchBytes);
        try
        {
            using var renderer = new PatchRenderer(PatchSize, PatchSize);
            for (var start = 0; start < work.Count; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batchSize, work.Count - start);
                var colors = new IReadOnlyList<NamedColor>[count];
                for (var j = 0; j < count; j++)
                {
                    var (image, region, _) = work[start + j];
                    renderer.RenderRegion(image.Decoded, region.Box);
                    renderer.Pixels.CopyTo(buffer.AsSpan(j * PatchBytes, PatchBytes));
                    colors[j] = DominantColors.Of(renderer.Pixels, ColorVocabulary.Basic);
                }

                var (features, logits) = _mobileNet.Encode(buffer.AsSpan(0, count * PatchBytes), count, cancellationToken);
                var imageVectors = _resNet is not null ? _resNet.Encode(buffer.AsSpan(0, count * PatchBytes), count, cancellationToken)
                    : _clip is not null ? await EncodeWithClipAsync(work, start, count, cancellationToken).ConfigureAwait(false)
                    : features;
                for (var j = 0; j < count; j++)
                {
                    var (image, region, slot) = work[start + j];
                    var (bridged, top) = bridge.Map(logits[j]);
                    Vectors.Normalize(imageVectors[j]);

                    // With CLIP the image embedding already lives in the text space.
                    var textVector = _clip is not null ? imageVectors[j] : bridged;
                    image.Embedded[slot] = new ImageRegion(region.Box, region.Source, region.Label, region.Score, imageVectors[j], textVector, top, colors[j]);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>CLIP does its own resize and centre crop, so it gets each region as a view of the decoded pixels (no copy).</summary>
    private async Task<float[][]> EncodeWithClipAsync(List<(PreparedImage Image, (BoundingBox Box, string Source, string? Label, float Score) Region, int Slot)> work, int start, int count, CancellationToken cancellationToken)
    {
        var crops = new List<SKBitmap>(count);
        try
        {
            for (var j = 0; j < count; j++)
            {
                var (image, region, _) = work[start + j];
                var s = 1f / image.Decoded.Scale;
                var rect = SKRectI.Round(SKRect.Create(region.Box.X * s, region.Box.Y * s, region.Box.Width * s, region.Box.Height * s));
                rect.Intersect(new SKRectI(0, 0, image.Decoded.Width, image.Decoded.Height));
                var crop = new SKBitmap();
                if (rect.Width < 1 || rect.Height < 1 || !image.Decoded.Bitmap.ExtractSubset(crop, rect))
                {
                    crop.Dispose();
                    crop = image.Decoded.Bitmap.Copy();
                }

                crops.Add(crop);
            }

            return await _clip!.EncodeAsync(crops, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var c in crops)
            {
                c.Dispose();
            }
        }
    }

    private async Task<LabelBridge> GetBridgeAsync(CancellationToken cancellationToken)
    {
        if (_bridge is { } ready)
        {
            return ready;
        }

        await _bridgeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _bridge ??= await LabelBridge.CreateAsync(_labelsFile, _textEncoder, _encoders.BridgeLabels, _labelVectors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _bridgeGate.Release();
        }
    }

    public void Dispose()
    {
        _detector?.Dispose();
        _mobileNet?.Dispose();
        _resNet?.Dispose();
        _clip?.Dispose();
        _bridgeGate.Dispose();
    }

    private sealed class PreparedImage(int index, string hash, DecodedImage decoded, IReadOnlyList<Core.Domain.Detection> detections, IReadOnlyList<(BoundingBox Box, string Source, string? Label, float Score)> regions)
    {
        public int Index { get; } = index;

        public string Hash { get; } = hash;

        public DecodedImage Decoded { get; } = decoded;

        public IReadOnlyList<Core.Domain.Detection> Detections { get; } = detections;

        public IReadOnlyList<(BoundingBox Box, string Source, string? Label, float Score)> Regions { get; } = regions;

        public ImageRegion[] Embedded { get; } = new ImageRegion[regions.Count];

        public ReferenceFocus? Focus { get; init; }

        /// <summary>The local features of the photo (a reference: of its object) and, for a reference, of its surroundings.</summary>
        public required Task<(Core.Domain.LocalFeatures? Local, Core.Domain.LocalFeatures? Surroundings)> Local { get; init; }
    }
}
