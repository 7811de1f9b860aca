using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Intake;

/// <summary>
/// The one intake of photos to recognise, shared by the CLI's recognition (<c>RecognitionService</c>), the blob trigger
/// and the bulk activity (<c>ImageIngestion</c>): read each image (a read that fails is that item's failure), hash it
/// (<see cref="ContentHash"/>), reuse the stored analysis of the same bytes, analyse the rest in one batch, store each new
/// analysis. A photo the analyser refuses (undecodable, too large) is a failed item; any other failure propagates.
/// Counts every item taken in and every failed one (<see cref="PipelineMetrics"/>). Thread-safe.
/// </summary>
public sealed class ImageIntake(IImageAnalyzer analyzer, IImageAnalysisStore analyses, PipelineMetrics? metrics = null)
{
    /// <param name="reuse">Whether an analysis already stored for the same bytes stands for a new one.</param>
    /// <returns>One item per image, in order.</returns>
    public async Task<IReadOnlyList<IntakeItem>> TakeInAsync(OwnerId owner, IReadOnlyList<ImageSource> images, bool reuse = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var items = new IntakeItem[images.Count];
        var inputs = new List<ImageInput>();
        var slots = new List<int>();
        foreach (var (i, read) in (await ReadAllAsync(images, cancellationToken).ConfigureAwait(false)).Index())
        {
            if (read.Error is { } error)
            {
                items[i] = new IntakeItem(read.Id, default, null, error);
                continue;
            }

            if (reuse && await analyses.GetAsync(owner, ContentHash.Of(read.Bytes.Span), cancellationToken).ConfigureAwait(false) is { } stored)
            {
                items[i] = new IntakeItem(read.Id, read.Bytes, stored, null, Reused: true);
                continue;
            }

            inputs.Add(new ImageInput(read.Id, read.Bytes));
            slots.Add(i);
        }

        var analysed = inputs.Count == 0 ? [] : await analyzer.AnalyzeAsync(inputs, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < analysed.Count; k++)
        {
            var i = slots[k];
            if (analysed[k].Analysis is { } analysis)
            {
                await analyses.PutAsync(owner, analysis, cancellationToken).ConfigureAwait(false);
                items[i] = new IntakeItem(analysed[k].Id, inputs[k].Bytes, analysis, null);
            }
            else
            {
                items[i] = new IntakeItem(analysed[k].Id, default, null, analysed[k].Error ?? "unknown error");
            }
        }

        foreach (var item in items)
        {
            metrics?.ImageTakenIn(item.Error is null);
        }

        return items;
    }

    /// <summary>
    /// Reads each image once, in order: its bytes, or <c>cannot read: …</c> when the read fails (I/O, permissions, a
    /// source that says why it has no bytes). What enrolment and preference read goes through this too.
    /// </summary>
    public static async Task<IReadOnlyList<ImageRead>> ReadAllAsync(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var reads = new List<ImageRead>(images.Count);
        foreach (var image in images)
        {
            try
            {
                reads.Add(new ImageRead(image.Id, await image.ReadAsync(cancellationToken).ConfigureAwait(false), null));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reads.Add(new ImageRead(image.Id, default, $"cannot read: {e.Message}"));
            }
        }

        return reads;
    }
}

/// <summary>One image read: its bytes, or why there are none.</summary>
public sealed record ImageRead(string Id, ReadOnlyMemory<byte> Bytes, string? Error);

/// <summary>One image taken in: its stored analysis and the bytes it was made from, or why there is none.</summary>
/// <param name="Reused">The analysis was already stored for these bytes and was not made again.</param>
public sealed record IntakeItem(string Id, ReadOnlyMemory<byte> Bytes, ImageAnalysis? Analysis, string? Error, bool Reused = false);
