namespace Keelson.Resources.FieldManagement;

/// <summary>What differs between two versions of an object, as field sets.</summary>
internal sealed class FieldChanges
{
    /// <summary>Fields present only in the new object (list items included).</summary>
    public FieldSet Added { get; } = new();

    /// <summary>Leaf or atomic values present in both with different values.</summary>
    public FieldSet Modified { get; } = new();

    /// <summary>Fields or list items present only in the old object (their descendants went with them).</summary>
    public FieldSet Removed { get; } = new();

    public FieldSet AddedOrModified => Added.Union(Modified);
}
