using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Functions;

/// <summary>
/// The HTTP API (function keys in Azure). The owner is the validated <c>{owner}</c> route value and scopes every
/// call: index queries filter by it, blobs live under it, and a job's status is shown only to the owner that
/// started it. HTTP functions alone catch exceptions, and only to turn them into responses.
/// </summary>
public sealed class HttpApi(ConceptCatalog concepts, BulkRequestHandler bulk, StorageClients storage, Microsoft.Extensions.Options.IOptions<BulkOptions> bulkOptions)
{
    [Function(nameof(EnrollConcept))]
    public async Task<IActionResult> EnrollConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/concepts/{name}")] HttpRequest request, string owner, string name, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return new BadRequestObjectResult(new { error });
        }

        if (!request.HasFormContentType)
        {
            return new BadRequestObjectResult(new { error = "send multipart/form-data with one or more image files and optional category and description fields" });
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A multipart body without its boundary, cut short, or over the form limits: the client's mistake, not a 500.
            return new BadRequestObjectResult(new { error = $"the form could not be read: {e.Message}" });
        }

        if (form.Files.Count == 0)
        {
            return new BadRequestObjectResult(new { error = "no image file in the form" });
        }

        // Optional "box" fields, x,y,width,height, one per file in order: all read before anything is stored.
        var boxTexts = form["box"];
        if (boxTexts.Count > form.Files.Count)
        {
            return new BadRequestObjectResult(new { error = $"{boxTexts.Count} box fields for {form.Files.Count} image file(s): at most one box per file, in order" });
        }

        var boxes = new BoundingBox?[form.Files.Count];
        for (var i = 0; i < boxTexts.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(boxTexts[i]) && !BoundingBox.TryParse(boxTexts[i], out boxes[i], out var boxError))
            {
                return new BadRequestObjectResult(new { error = $"box {i + 1} ('{boxTexts[i]}'): {boxError}" });
            }
        }

        var stored = new List<string>();
        for (var i = 0; i < form.Files.Count; i++)
        {
            await using var stream = form.Files[i].OpenReadStream();
            stored.Add(await concepts.UploadReferenceAsync(id, concept, form.Files[i].FileName, stream, form["category"], form["description"], cancellationToken, boxes[i]).ConfigureAwait(false));
        }

        return new AcceptedResult($"owners/{id}/concepts", new { concept = concept.Value, blobs = stored });
    }

    [Function(nameof(ListConcepts))]
    public async Task<IActionResult> ListConcepts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "owners/{owner}/concepts")] HttpRequest request, string owner, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        var list = await concepts.ListAsync(id, cancellationToken).ConfigureAwait(false);
        return new OkObjectResult(list.Select(c => new { name = c.Name.Value, category = c.Category, description = c.Description, references = c.References.Count, attributes = c.Fingerprint.Select(f => f.Text) }));
    }

    [Function(nameof(DeleteConcept))]
    public async Task<IActionResult> DeleteConcept(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "owners/{owner}/concepts/{name}")] HttpRequest request, string owner, string name, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return new BadRequestObjectResult(new { error });
        }

        return await concepts.DeleteAsync(id, concept, cancellationToken).ConfigureAwait(false) ? new NoContentResult() : new NotFoundResult();
    }

    [Function(nameof(SubmitImage))]
    public async Task<IActionResult> SubmitImage(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/images/{*path}")] HttpRequest request, string owner, string path, CancellationToken cancellationToken)
    {
        if (!TryParseRouteImage(owner, path, out var id, out var imagePath, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        await storage.Images.GetBlobClient(BlobPaths.Image(id, imagePath)).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
        var instanceId = BlobPaths.RecognitionInstanceId(id, imagePath, BlobPaths.ContentHash(bytes));
        return new AcceptedResult($"owners/{id}/jobs/{instanceId}", new { instanceId, result = $"owners/{id}/results/{imagePath}" });
    }

    [Function(nameof(SubmitBulk))]
    public async Task<IActionResult> SubmitBulk(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/bulk")] HttpRequest request, string owner,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        var (text, bad) = await HttpJson.ReadOwnedRequestAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return bad!;
        }

        if (!BulkRequestParser.TryParse(text, bulkOptions.Value, out _, out var reason))
        {
            return new BadRequestObjectResult(new { error = reason });
        }

        var accepted = await bulk.HandleAsync(text, client, cancellationToken).ConfigureAwait(false);
        return new AcceptedResult($"owners/{id}/jobs/{accepted.InstanceId}", new { instanceId = accepted.InstanceId });
    }

    [Function(nameof(GetStatus))]
    public async Task<IActionResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "owners/{owner}/jobs/{instanceId}")] HttpRequest request, string owner, string instanceId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || JobOwner.Of(metadata.SerializedInput) != id.Value)
        {
            return new NotFoundResult();
        }

        return new OkObjectResult(new
        {
            instanceId,
            status = metadata.RuntimeStatus.ToString(),
            progress = metadata.SerializedCustomStatus is { } s ? JsonNode.Parse(s) : null,
            output = metadata.SerializedOutput is { } o ? JsonNode.Parse(o) : null,
            error = metadata.FailureDetails?.ErrorMessage,
        });
    }

    [Function(nameof(GetResult))]
    public async Task<IActionResult> GetResult(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "owners/{owner}/results/{*path}")] HttpRequest request, string owner, string path, CancellationToken cancellationToken)
    {
        if (!TryParseRouteImage(owner, path, out var id, out var imagePath, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        return await HttpJson.BlobAsync(storage.Results, BlobPaths.Result(id, imagePath), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The route's owner and image path as a blob path under that owner. Beyond <see cref="BlobPaths.TryParseImage"/>
    /// (which refuses backslashes and empty, '.' or '..' segments), the percent-decoded path must pass it too
    /// (<c>..%2Fbob%2Fx.jpg</c>, <c>..%5Cbob</c>): a proxy or a later reader may decode it once more.
    /// </summary>
    internal static bool TryParseRouteImage(string owner, string? path, out OwnerId id, out string imagePath, out string error)
    {
        if (!BlobPaths.TryParseImage($"{owner}/{path}", out id, out imagePath, out error))
        {
            return false;
        }

        var decoded = Uri.UnescapeDataString(imagePath);
        if (decoded != imagePath && !BlobPaths.TryParseImage($"{owner}/{decoded}", out _, out _, out error))
        {
            error = $"image path '{imagePath}' decodes to '{decoded}': {error}";
            return false;
        }

        return true;
    }
}
