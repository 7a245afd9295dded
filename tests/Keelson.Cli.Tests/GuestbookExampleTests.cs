using Keelson.Resources.Serialization;

namespace Keelson.Cli.Tests;

/// <summary>
/// The update-manifests workflow's step on the real examples/guestbook, with `keelson` in place of
/// `kustomize`: set the frontend image in overlays/dev of a copy, render, see the new image.
/// </summary>
public sealed class GuestbookExampleTests : IDisposable
{
    private const string Frontend = "ghcr.io/keelson-dev/guestbook-frontend";
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-guestbook-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Guestbook
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Keelson.slnx not found above the test binaries"),
                "examples", "guestbook");
        }
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    private static async Task<Dictionary<string, string>> RenderedImagesAsync(string overlay)
    {
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", overlay);
        Assert.True(code == 0, stderr);
        return YamlDocuments.Parse(stdout)
            .Where(o => (string?)o!["kind"] == "Deployment")
            .ToDictionary(o => (string)o!["metadata"]!["name"]!,
                o => (string)o!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!);
    }

    [Fact]
    public async Task Edit_set_image_in_the_dev_overlay_of_a_copy_changes_the_rendered_frontend_image_only()
    {
        var original = Snapshot(Guestbook);
        KustomizeFixtures.CopyDirectory(Guestbook, _dir);
        var dev = Path.Combine(_dir, "overlays", "dev");
        var before = await RenderedImagesAsync(dev);
        Assert.NotEqual($"{Frontend}:sha-1a2b3c4", before["frontend"]);

        // As the workflow runs it: in the overlay's directory, no --kustomization.
        var (code, _, stderr) = await KustomizeFixtures.KeelsonInAsync(dev, "edit", "set", "image", $"{Frontend}={Frontend}:sha-1a2b3c4");
        Assert.True(code == 0, stderr);

        var after = await RenderedImagesAsync(dev);
        Assert.Equal($"{Frontend}:sha-1a2b3c4", after["frontend"]);
        Assert.Equal(before.Where(d => d.Key != "frontend"), after.Where(d => d.Key != "frontend"));
        Assert.Contains("newTag: sha-1a2b3c4", File.ReadAllText(Path.Combine(dev, "kustomization.yaml")), StringComparison.Ordinal);

        // Only the copy's overlays/dev changed; the other overlays and examples/ itself did not.
        var copy = Snapshot(_dir);
        var changed = copy.Where(f => original[f.Key] != f.Value).Select(f => f.Key).ToList();
        Assert.Equal([Path.Combine("overlays", "dev", "kustomization.yaml")], changed);
        Assert.Equal(original, Snapshot(Guestbook));
        Assert.Equal(before["frontend"], (await RenderedImagesAsync(Path.Combine(Guestbook, "overlays", "dev")))["frontend"]);
    }
}
