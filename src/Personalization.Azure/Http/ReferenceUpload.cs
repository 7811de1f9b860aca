using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>One uploaded reference photo: its file name as sent, its bytes, and the object's box when one was drawn.</summary>
public sealed record ReferenceUpload(string FileName, ReadOnlyMemory<byte> Content, BoundingBox? Box);
