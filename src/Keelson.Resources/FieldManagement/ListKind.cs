namespace Keelson.Resources.FieldManagement;

/// <summary>How server-side apply treats a list.</summary>
internal enum ListKind
{
    /// <summary>Owned and replaced as a whole (no keys known, or the items do not fit the keys).</summary>
    Atomic,

    /// <summary>Items are objects identified by their list-map keys (<c>k:</c>).</summary>
    Associative,

    /// <summary>Items are scalars identified by value (<c>v:</c>), e.g. finalizers.</summary>
    Set,
}
