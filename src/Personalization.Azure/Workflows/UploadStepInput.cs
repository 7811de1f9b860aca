namespace Personalization.Azure.Workflows;

/// <summary>
/// A chain step's input with the blob path of the upload being recognised (<c>images/{owner}/{BlobPath}</c>): a
/// reference, not bytes, so that a step that shows the photo to a reasoner (reason, pairwise, caption) can read its pixels.
/// </summary>
public sealed record UploadStepInput<TStep>(string BlobPath, TStep Step);
