namespace Personalization.Models.Onnx;

/// <summary>A model file that is in none of the model folders; the message names the file and the folders.</summary>
public sealed class ModelNotFoundException(string message) : FileNotFoundException(message);
