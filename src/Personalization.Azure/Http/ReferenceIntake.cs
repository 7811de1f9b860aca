namespace Personalization.Azure.Http;

/// <param name="Pending">True when the photos were stored for enrolment later (202); false when enrolled now.</param>
/// <param name="Stored">Blob names (pending) or the photos enrolled.</param>
/// <param name="Failures">Photos that could not be enrolled, with why (enrolment now only).</param>
/// <param name="References">The concept's reference photos after enrolment now; 0 when pending.</param>
public sealed record ReferenceIntake(bool Pending, IReadOnlyList<string> Stored, IReadOnlyList<string> Failures, int References);
