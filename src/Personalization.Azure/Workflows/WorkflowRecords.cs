using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

// The payloads of the orchestrations and activities: small immutable records of ids, blob paths, scores and short
// text, recorded in orchestration history. Never image bytes or vectors: activities load those themselves.

/// <summary>Recognise one stored image analysis; <paramref name="BlobPath"/> is the path under <c>images/{owner}/</c>.</summary>
public sealed record RecognitionRequest(ImageRef Image, string BlobPath, ChainThresholds Thresholds);

/// <summary>What a recognition orchestration returns: the answer and where its result JSON went.</summary>
public sealed record RecognitionSummary(OwnerId Owner, string BlobPath, string? Concept, float Score, string Stage, string ResultBlob);

public sealed record WriteResultInput(string BlobPath, RecognitionResult Result);

/// <summary>The event emitted per result (<c>recognition.completed</c> or <c>preference.completed</c>).</summary>
public sealed record ResultEvent(string Type, OwnerId Owner, string Subject, string ResultBlob, string? Concept, float? Score, string? Stage);

/// <summary>A bulk job: the images under <c>images/{owner}/{Prefix}</c>, or the listed paths, in batches of <paramref name="BatchSize"/>.</summary>
/// <param name="ResultsSince">When the request was first enqueued: an image whose result for the same bytes was written
/// since then is not recognised again (the request is being redone after a crash); null recognises every image.</param>
public sealed record BulkRequest(OwnerId Owner, string? Prefix, IReadOnlyList<string>? Blobs, int BatchSize, ChainThresholds Thresholds, DateTimeOffset? ResultsSince = null);

public sealed record ListImagesInput(OwnerId Owner, string Prefix, int MaxItems);

public sealed record BulkBatchInput(OwnerId Owner, IReadOnlyList<string> Paths, ChainThresholds Thresholds, DateTimeOffset? ResultsSince = null);

/// <param name="ResultsSince">See <see cref="BulkRequest.ResultsSince"/>.</param>
public sealed record AnalyzeImagesInput(OwnerId Owner, IReadOnlyList<string> Paths, DateTimeOffset? ResultsSince = null);

/// <summary>One image taken in: its stored analysis's content hash, or the one-line reason it failed.</summary>
/// <param name="Recognized">Its result, when one for these bytes was already written for this request or by its upload's
/// recognition (not recognised again).</param>
/// <param name="UploadRunning">Its upload's recognition of these bytes is still running: the bulk waits for it
/// (<see cref="CheckUploadRecognitions"/>) rather than recognising the photo a second time.</param>
public sealed record IngestedImage(string Path, string? ContentHash, string? Error, RecognitionSummary? Recognized = null, bool UploadRunning = false);

/// <summary>The images of a bulk batch whose upload recognitions were running, to look at again.</summary>
public sealed record UploadChecksInput(OwnerId Owner, IReadOnlyList<IngestedImage> Images);

/// <summary>One bulk item's outcome: the answer, or the reason it failed.</summary>
public sealed record BulkItem(string Path, string? Concept, string? Stage, float? Score, string? ResultBlob, string? Error);

/// <summary>The custom status of a bulk orchestration while it runs.</summary>
public sealed record BulkProgress(int Done, int Failed, int Total);

public sealed record BulkSummaryInput(OwnerId Owner, string InstanceId, IReadOnlyList<BulkItem> Items);

/// <summary>What a bulk orchestration returns (the per-item list is in the summary blob).</summary>
public sealed record BulkSummary(OwnerId Owner, int Total, int Succeeded, int Failed, string SummaryBlob);
