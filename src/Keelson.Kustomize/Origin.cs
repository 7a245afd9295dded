using System.Text;

namespace Keelson.Kustomize;

/// <summary>
/// Where a resource came from, for <c>buildMetadata: [originAnnotations]</c>: the file it was read from, or the
/// kustomization (or plugin config file) and builtin generator that made it; also one transformer that ran over it
/// (<c>transformerAnnotations</c>). Paths are absolute in the file
/// view; the annotation gives them relative to the top kustomization's directory, as kustomize does.
/// </summary>
internal sealed record Origin(string? Path, string? ConfiguredIn, string? PluginKind, string? PluginName)
{
    public static Origin File(string path) => new(path, null, null, null);

    public static Origin Generated(string configuredIn, string kind, string? name) => new(null, configuredIn, kind, name);

    /// <summary>The value of <c>alpha.config.kubernetes.io/transformations</c>: the transformers as a YAML list.</summary>
    public static string Transformations(string top, IEnumerable<Origin> transformers) =>
        string.Concat(transformers.Select(t => "- " + t.Annotation(top).TrimEnd('\n').Replace("\n", "\n  ", StringComparison.Ordinal) + "\n"));

    /// <summary>The value of <c>config.kubernetes.io/origin</c>: kustomize's Origin struct as YAML.</summary>
    public string Annotation(string top)
    {
        var sb = new StringBuilder();
        if (Path is { } path) sb.Append("path: ").Append(Relative(top, path)).Append('\n');
        if (ConfiguredIn is { } configuredIn)
        {
            sb.Append("configuredIn: ").Append(Relative(top, configuredIn)).Append('\n');
            sb.Append("configuredBy:\n  apiVersion: builtin\n  kind: ").Append(PluginKind).Append('\n');
            if (PluginName is { Length: > 0 } name) sb.Append("  name: ").Append(name).Append('\n');
        }
        return sb.ToString();
    }

    private static string Relative(string top, string path) =>
        System.IO.Path.GetRelativePath(top, path).Replace('\\', '/');
}
