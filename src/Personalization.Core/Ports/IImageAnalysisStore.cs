using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Keeps the analysis of each uploaded image, per owner and content hash, so chain steps can pass
/// references instead of vectors. Thread-safe.
/// </summary>
public interface IImageAnalysisStore
{
    Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default);

    Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default);
}
