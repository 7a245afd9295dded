using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Kustomize;

/// <summary>A patch target: group, version and kind match exactly; name and namespace are anchored regexes; selectors match labels and annotations.</summary>
internal sealed class PatchTarget
{
    private string? Group { get; init; }
    private string? Version { get; init; }
    private string? Kind { get; init; }
    private Regex? Name { get; init; }
    private Regex? Namespace { get; init; }
    private LabelSelector? Labels { get; init; }
    private LabelSelector? Annotations { get; init; }

    public static PatchTarget From(JsonObject target) => new()
    {
        Group = target.GetString("group"),
        Version = target.GetString("version"),
        Kind = target.GetString("kind"),
        Name = Anchored(target.GetString("name")),
        Namespace = Anchored(target.GetString("namespace")),
        Labels = target.GetString("labelSelector") is { } l ? LabelSelector.Parse(l) : null,
        Annotations = target.GetString("annotationSelector") is { } a ? LabelSelector.Parse(a) : null,
    };

    private static Regex? Anchored(string? pattern) =>
        string.IsNullOrEmpty(pattern) ? null : new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant);

    public bool Matches(Resource resource)
    {
        var gvk = resource.Gvk;
        if (Group is not null && Group != gvk.Group) return false;
        if (Version is not null && Version != gvk.Version) return false;
        if (Kind is not null && Kind != gvk.Kind) return false;
        if (Name is not null && !Name.IsMatch(resource.Name) && !Name.IsMatch(resource.OriginalName)) return false;
        if (Namespace is not null && !Namespace.IsMatch(resource.Namespace)) return false;
        if (Labels is not null && !Labels.Matches(resource.Object.GetLabels())) return false;
        if (Annotations is not null && !Annotations.Matches(resource.Object.GetAnnotations())) return false;
        return true;
    }
}
