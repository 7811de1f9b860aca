using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Local.Storage;

namespace Personalization.Cli.Serve;

/// <summary>
/// Where <c>personalize serve</c> keeps what the HTTP API is sent: photos under <c>{data}/owners/{owner}/uploads/{path}</c>,
/// results under <c>{data}/owners/{owner}/results/{path}.json</c>. The path was checked by the handler
/// (<see cref="Azure.Http.RouteImagePath"/>); the full path is checked again to lie inside the owner's folder, so no request
/// path reaches the file system unvalidated.
/// </summary>
internal sealed class ServeDataPaths(IOptions<LocalDataOptions> options)
{
    private readonly string _owners = Path.GetFullPath(Path.Combine(options.Value.Directory, "owners"));

    public string Upload(OwnerId owner, string path) => Inside(owner, "uploads", path);

    public string Result(OwnerId owner, string path) => Inside(owner, "results", path + ".json");

    private string Inside(OwnerId owner, string area, string path)
    {
        var root = Path.Combine(_owners, owner.Value, area) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root, StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a path inside the owner's {area}", nameof(path));
        }

        return full;
    }
}
