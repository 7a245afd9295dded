using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Kustomize;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Source;

/// <summary>
/// Turns an Application source at a commit into manifests: a kustomization (with the Application's
/// <c>source.kustomize</c> overrides) or a plain directory. Pure over a file view rooted at the repository.
/// </summary>
public static class ManifestRenderer
{
    private static readonly string[] KustomizationFiles = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The folder name under the source path where the overrides kustomization is laid.</summary>
    internal const string OverridesFolder = ".keelson-overrides";

    /// <summary>Renders; throws <see cref="RenderException"/> with a message naming the path, file and field at fault.</summary>
    public static RenderedSource Render(IFileView repository, ApplicationSource source)
    {
        if (!string.IsNullOrEmpty(source.Chart) || source.Helm is not null)
            throw new RenderException($"source {source.RepoUrl}: Helm sources are not supported by Keelson yet (use a kustomization or a directory)");
        if (source.Plugin is not null)
            throw new RenderException($"source {source.RepoUrl}: config management plugins are not supported by Keelson");
        var path = Normalize(source.Path);
        if (!repository.IsDirectory(path))
            throw new RenderException($"{source.RepoUrl}: path '{source.Path}' does not exist in the repository at this revision");
        var overridesFile = Join(Join(path, OverridesFolder), "kustomization.yaml");
        try
        {
            var isKustomize = KustomizationFiles.Any(f => repository.Exists(Join(path, f)));
            if (isKustomize)
            {
                if (source.Kustomize is { } options && HasOverrides(options))
                {
                    var dir = Join(path, OverridesFolder);
                    var overlay = new OverlayFileView(repository, new Dictionary<string, string> { [overridesFile] = OverridesKustomization(options) });
                    return new RenderedSource("Kustomize", KustomizeRenderer.Render(overlay, dir));
                }
                return new RenderedSource("Kustomize", KustomizeRenderer.Render(repository, path));
            }
            var d = source.Directory;
            return new RenderedSource("Directory", DirectorySource.Render(repository, path, d?.Recurse ?? false, d?.Include, d?.Exclude));
        }
        catch (KustomizeException ex)
        {
            throw new RenderException(NamingTheKustomization(ex, overridesFile), ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or YamlDotNet.Core.YamlException or System.Text.Json.JsonException)
        {
            throw new RenderException(ex.Message, ex);
        }
    }

    /// <summary>
    /// kustomize's message, led by the kustomization file to fix when the message does not already start with it
    /// (kustomize's own words often name only the path that failed): the innermost kustomization being built, or
    /// <c>spec.source.kustomize</c> for the Application's overrides.
    /// </summary>
    private static string NamingTheKustomization(KustomizeException ex, string overridesFile)
    {
        if (ex.File is not { } file || ex.Message.StartsWith(file + ": ", StringComparison.Ordinal)) return ex.Message;
        return $"{(file == overridesFile ? "spec.source.kustomize" : file)}: {ex.Message}";
    }

    private static bool HasOverrides(KustomizeOptions o) =>
        !string.IsNullOrEmpty(o.NamePrefix) || !string.IsNullOrEmpty(o.NameSuffix) || o.Images is { Count: > 0 }
        || o.CommonLabels is { Count: > 0 } || o.CommonAnnotations is { Count: > 0 } || !string.IsNullOrEmpty(o.Namespace)
        || o.Replicas is { Count: > 0 } || o.Patches is { Count: > 0 } || o.Components is { Count: > 0 };

    /// <summary>
    /// A kustomization over the source directory that applies the Application's overrides, as Argo CD's
    /// <c>kustomize edit</c> calls would.
    /// </summary>
    private static string OverridesKustomization(KustomizeOptions o)
    {
        var k = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray(".."),
        };
        if (!string.IsNullOrEmpty(o.NamePrefix)) k["namePrefix"] = o.NamePrefix;
        if (!string.IsNullOrEmpty(o.NameSuffix)) k["nameSuffix"] = o.NameSuffix;
        if (!string.IsNullOrEmpty(o.Namespace)) k["namespace"] = o.Namespace;
        if (o.CommonLabels is { Count: > 0 } labels)
        {
            var pairs = new JsonObject();
            foreach (var (key, value) in labels) pairs[key] = value;
            k["labels"] = new JsonArray(new JsonObject
            {
                ["pairs"] = pairs,
                ["includeSelectors"] = !o.LabelWithoutSelector,
                ["includeTemplates"] = o.LabelWithoutSelector && o.LabelIncludeTemplates,
            });
        }
        if (o.CommonAnnotations is { Count: > 0 } annotations)
        {
            var map = new JsonObject();
            foreach (var (key, value) in annotations) map[key] = value;
            k["commonAnnotations"] = map;
        }
        if (o.Replicas is { Count: > 0 } replicas)
            k["replicas"] = new JsonArray(replicas.Select(r => (JsonNode)new JsonObject { ["name"] = r.Name, ["count"] = ReplicaCount(r) }).ToArray());
        if (o.Patches is { Count: > 0 } patches) k["patches"] = patches.DeepClone();
        if (o.Components is { Count: > 0 } components) k["components"] = new JsonArray(components.Select(c => (JsonNode?)JsonValue.Create("../" + c)).ToArray());
        var text = YamlDocuments.Write(k);
        if (o.Images is { Count: > 0 } images) text = KustomizationEditor.SetImages(text, "kustomization.yaml", images);
        return text;
    }

    private static long ReplicaCount(KustomizeReplica r)
    {
        // A number however it was made (parsed from JSON, or built in code as an int), or a numeric string (the CRD allows int-or-string).
        long n;
        if (r.Count is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n)) return n;
        if (r.Count is JsonValue s && s.TryGetValue<string>(out var text) && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n)) return n;
        throw new RenderException($"source.kustomize.replicas[{r.Name}].count: '{r.Count}' is not a number");
    }

    private static string Normalize(string? path)
    {
        var p = (path ?? "").Trim().Trim('/');
        return p is "" or "." ? "." : p;
    }

    private static string Join(string dir, string name) => dir == "." ? name : $"{dir}/{name}";
}
