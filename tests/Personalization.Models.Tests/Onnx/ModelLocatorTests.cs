using Microsoft.Extensions.Options;
using Personalization.Models.Onnx;

namespace Personalization.Models.Tests.Onnx;

public sealed class ModelLocatorTests : IDisposable
{
    private readonly string _first = NewFolder();
    private readonly string _second = NewFolder();

    public void Dispose()
    {
        Directory.Delete(_first, recursive: true);
        Directory.Delete(_second, recursive: true);
    }

    [Fact]
    public void Locate_Missing_NamesTheFileAndEveryFolderSearched()
    {
        var locator = Locator(_first, _second);

        var e = Assert.Throws<ModelNotFoundException>(() => locator.Locate("detectors/missing.onnx"));

        Assert.Contains("'detectors/missing.onnx'", e.Message, StringComparison.Ordinal);
        Assert.Contains(_first, e.Message, StringComparison.Ordinal);
        Assert.Contains(_second, e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FileNotFoundException>(e);
    }

    [Fact]
    public void Locate_RelativeFolder_IsReportedAsAFullPath()
    {
        var locator = Locator("no-such-models-folder");

        var e = Assert.Throws<ModelNotFoundException>(() => locator.Locate("m.onnx"));

        Assert.Contains(Path.GetFullPath("no-such-models-folder"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NoFoldersConfigured_SaysSo()
    {
        var e = Assert.Throws<ModelNotFoundException>(() => Locator().Locate("m.onnx"));

        Assert.Contains("(no model folders configured)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_InSecondFolderOnly_FindsIt()
    {
        var path = Touch(_second, "features/m.onnx");

        Assert.Equal(path, Locator(_first, _second).Locate("features/m.onnx"));
    }

    [Fact]
    public void Locate_InBothFolders_FirstFolderWins()
    {
        var first = Touch(_first, "m.onnx");
        Touch(_second, "m.onnx");

        Assert.Equal(first, Locator(_first, _second).Locate("m.onnx"));
    }

    [Fact]
    public void Locate_RootedPath_IsUsedAsIsOrNamedWhenMissing()
    {
        var path = Touch(_second, "abs.onnx");
        var missing = Path.Combine(_first, "nope.onnx");

        Assert.Equal(path, Locator().Locate(path));
        var e = Assert.Throws<ModelNotFoundException>(() => Locator(_second).Locate(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLocate_ReportsWithoutThrowing()
    {
        var path = Touch(_first, "m.onnx");
        var locator = Locator(_first);

        Assert.True(locator.TryLocate("m.onnx", out var found));
        Assert.Equal(path, found);
        Assert.False(locator.TryLocate("other.onnx", out var none));
        Assert.Equal(string.Empty, none);
    }

    [Fact]
    public void Locate_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => Locator(_first).Locate(string.Empty));
    }

    private static ModelLocator Locator(params string[] folders)
    {
        var options = new ModelOptions();
        foreach (var f in folders)
        {
            options.Directories.Add(f);
        }

        return new ModelLocator(Options.Create(options));
    }

    private static string Touch(string folder, string relative)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
        return path;
    }

    private static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"personalization-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
