using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>One object being rendered, with the identity it had when it was read so references to it can be fixed.</summary>
internal sealed class Resource(JsonObject obj)
{
    public JsonObject Object { get; set; } = obj;

    /// <summary>The name the object had when it was loaded or generated, before prefixes, suffixes and hashes.</summary>
    public string OriginalName { get; } = obj.GetName() ?? "";

    /// <summary>The namespace the object had when it was loaded or generated ("" when none).</summary>
    public string OriginalNamespace { get; } = obj.GetNamespace() ?? "";

    /// <summary>kustomize's id of the object now: Kind.version.[group]/name.[namespace].</summary>
    public string Id
    {
        get
        {
            var gvk = Gvk;
            var group = gvk.Group.Length == 0 ? "[noGrp]" : gvk.Group;
            var ns = Namespace.Length == 0 ? "[noNs]" : Namespace;
            return $"{gvk.Kind}.{gvk.Version}.{group}/{Name}.{ns}";
        }
    }

    /// <summary>Every prefix/suffix applied to the name, in order; tells apart copies of one base under different prefixes.</summary>
    public List<string> Affixes { get; } = [];

    /// <summary>The names of the vars whose objref matched this object (kustomize's refVarNames).</summary>
    public List<string> RefVarNames { get; } = [];

    /// <summary>The (name, namespace) the object had before each rename or namespace change, oldest first.</summary>
    public List<(string Name, string Namespace)> PreviousIds { get; } = [];

    /// <summary>Records the current name and namespace before a transformer changes them (kustomize's StorePreviousId).</summary>
    public void StorePreviousId() => PreviousIds.Add((Name, Namespace));

    /// <summary>Every (name, namespace) the object has had, the current one last.</summary>
    public IEnumerable<(string Name, string Namespace)> AllIds() => PreviousIds.Append((Name, Namespace));

    /// <summary>True for generated ConfigMaps/Secrets that get the content hash appended at the top level.</summary>
    public bool NeedsHashSuffix { get; set; }

    /// <summary>Where the object was read or generated (kept when a later generator merges into it).</summary>
    public Origin? Origin { get; init; }

    /// <summary>The transformers that ran over the object, in order (kustomize's transformer annotations).</summary>
    public List<Origin> Transformations { get; } = [];

    public string Kind => Object.GetKind() ?? "";

    public string Name => Object.GetName() ?? "";

    public string Namespace => Object.GetNamespace() ?? "";

    public GroupVersionKind Gvk => Object.GetGroupVersionKind();

    public bool HasName(string name) => Name == name || OriginalName == name;
}
