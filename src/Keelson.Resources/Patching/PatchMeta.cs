namespace Keelson.Resources.Patching;

/// <summary>
/// The patch-relevant schema of one field's value in a built-in type: how a list merges (by which key,
/// or replaced whole), whether a primitive list merges as a set, whether <c>$retainKeys</c> applies, and
/// the same information for the fields of the value (or of each list item). Unknown fields have no
/// meta: lists under them are replaced whole, maps merge, as with JSON merge patch.
/// </summary>
public sealed class PatchMeta
{
    private static readonly Dictionary<string, PatchMeta> NoFields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PatchMeta> _fields;

    public PatchMeta(
        IReadOnlyDictionary<string, PatchMeta>? fields = null,
        string? mergeKey = null,
        bool mergePrimitives = false,
        bool retainKeys = false,
        IReadOnlyList<string>? listMapKeys = null,
        bool atomic = false)
    {
        _fields = fields is null ? NoFields : new Dictionary<string, PatchMeta>(fields, StringComparer.Ordinal);
        MergeKey = mergeKey;
        MergePrimitives = mergePrimitives;
        RetainKeys = retainKeys;
        ListMapKeys = listMapKeys ?? (mergeKey is null ? [] : [mergeKey]);
        Atomic = atomic;
    }

    /// <summary>For a list of objects: the strategic-merge key of its items; null when the list is replaced whole.</summary>
    public string? MergeKey { get; }

    /// <summary>For a list of scalars with patchStrategy merge (finalizers): merged as an ordered set.</summary>
    public bool MergePrimitives { get; }

    /// <summary>patchStrategy retainKeys: a patch carrying <c>$retainKeys</c> clears the keys it does not list.</summary>
    public bool RetainKeys { get; }

    /// <summary>Server-side apply's x-kubernetes-list-map-keys (may be more than the merge key, e.g. port+protocol).</summary>
    public IReadOnlyList<string> ListMapKeys { get; }

    /// <summary>Server-side apply treats the value as one unit (x-kubernetes-map-type/list-type atomic).</summary>
    public bool Atomic { get; }

    /// <summary>Describes the value's fields (for a list, the fields of each item).</summary>
    public IReadOnlyDictionary<string, PatchMeta> Fields => _fields;

    /// <summary>The meta of one field of this value, or null when the field carries no patch semantics.</summary>
    public PatchMeta? Field(string name) => _fields.GetValueOrDefault(name);

    /// <summary>The meta of a built-in kind's top-level object, or null for kinds without list merge keys (custom resources).</summary>
    public static PatchMeta? ForKind(GroupVersionKind gvk) => BuiltinPatchMeta.ForKind(gvk);
}
