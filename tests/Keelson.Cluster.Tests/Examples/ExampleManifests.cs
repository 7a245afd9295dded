using System.Text.Json.Nodes;
using Keelson.Kustomize;

namespace Keelson.Cluster.Tests.Examples;

/// <summary>Finds the repository's <c>examples/</c> directory and renders its overlays.</summary>
internal static class ExampleManifests
{
    public static string ExamplesDir { get; } = FindExamples();

    public static string Overlay(string app, string env) => Path.Combine(ExamplesDir, app, "overlays", env);

    public static IReadOnlyList<JsonObject> Render(string dir) => KustomizeRenderer.Render(new DiskFileView(), dir);

    public static string RenderYaml(string dir) => KustomizeRenderer.RenderYaml(new DiskFileView(), dir);

    public static JsonObject Find(IReadOnlyList<JsonObject> objects, string kind, string name) =>
        objects.Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name);

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "guestbook");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Keelson.slnx")))
                return Path.Combine(dir.FullName, "examples");
        }
        throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
