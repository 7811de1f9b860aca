using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;

namespace Personalization.Azure.Http;

/// <summary>
/// The concept part of the HTTP API, hosted by the Functions app and by <c>personalize serve</c>: enrol (multipart photos,
/// one optional <c>box</c> field per file), list, delete, and every photo a concept was found in. The owner is the validated
/// <c>{owner}</c> route value and scopes every call. Handlers catch exceptions only to turn them into responses. Thread-safe.
/// </summary>
public sealed class ConceptEndpoints(IReferencePhotos references, IConceptIndex index, IImageIndex images)
{
    public async Task<IActionResult> EnrollAsync(HttpRequest request, string owner, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return ApiResults.BadRequest(error);
        }

        var (form, bad) = await UploadLimits.ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return bad!;
        }

        if (form.Files.Count == 0)
        {
            return ApiResults.BadRequest("no image file in the form");
        }

        // Optional "box" fields, x,y,width,height, one per file in order: all read before anything is stored.
        var boxTexts = form["box"];
        if (boxTexts.Count > form.Files.Count)
        {
            return ApiResults.BadRequest($"{boxTexts.Count} box fields for {form.Files.Count} image file(s): at most one box per file, in order");
        }

        var boxes = new BoundingBox?[form.Files.Count];
        for (var i = 0; i < boxTexts.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(boxTexts[i]) && !BoundingBox.TryParse(boxTexts[i], out boxes[i], out var boxError))
            {
                return ApiResults.BadRequest($"box {i + 1} ('{boxTexts[i]}'): {boxError}");
            }
        }

        var uploads = new List<ReferenceUpload>(form.Files.Count);
        for (var i = 0; i < form.Files.Count; i++)
        {
            await using var stream = form.Files[i].OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            uploads.Add(new ReferenceUpload(form.Files[i].FileName, buffer.ToArray(), boxes[i]));
        }

        ReferenceIntake intake;
        try
        {
            intake = await references.AddAsync(id, concept, uploads, form["category"], form["description"], cancellationToken).ConfigureAwait(false);
        }
        catch (CategoryConflictException e)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, $"<{e.Name}> is already enrolled as a {e.ExistingCategory}, not a {e.RequestedCategory}; nothing was changed");
        }

        if (intake.Pending)
        {
            return ApiResults.Accepted($"owners/{id}/concepts", new { concept = concept.Value, blobs = intake.Stored });
        }

        return intake.References == 0
            ? ApiResults.BadRequest($"<{concept}> was not enrolled: {string.Join("; ", intake.Failures)}")
            : ApiResults.Ok(new { concept = concept.Value, blobs = intake.Stored, references = intake.References, failures = intake.Failures });
    }

    public async Task<IActionResult> ListAsync(HttpRequest request, string owner, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var list = await index.ListAsync(id, cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(list.Select(c => new
        {
            name = c.Name.Value,
            category = c.Category,
            description = c.Description,
            references = c.References.Count,
            attributes = c.Fingerprint.Select(f => f.Text),
            attributeSources = c.Fingerprint.Select(f => new { text = f.Text, source = f.Source }),
            photos = c.References.Select(r => new { contentHash = r.ContentHash, box = r.Focus?.Box, origin = r.Origin }),
        }));
    }

    public async Task<IActionResult> DeleteAsync(HttpRequest request, string owner, string name, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return ApiResults.BadRequest(error);
        }

        return await references.DeleteAsync(id, concept, cancellationToken).ConfigureAwait(false) ? new NoContentResult() : new NotFoundResult();
    }

    /// <summary>Every photo of the owner's in which the concept was recognised, most confident first (none once it is forgotten).</summary>
    public async Task<IActionResult> FindPhotosAsync(HttpRequest request, string owner, string name, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return ApiResults.BadRequest(error);
        }

        var found = await images.FindEnrolledAsync(index, id, concept, cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(found.Select(PhotoJson.Of));
    }
}
