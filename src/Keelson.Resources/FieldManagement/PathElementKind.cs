namespace Keelson.Resources.FieldManagement;

/// <summary>How a <see cref="PathElement"/> selects a child; declared in the order Kubernetes sorts them.</summary>
public enum PathElementKind
{
    /// <summary><c>f:&lt;name&gt;</c>: a field of an object (or a key of a map).</summary>
    Field,

    /// <summary><c>k:&lt;json&gt;</c>: the item of an associative list whose key fields have these values.</summary>
    Key,

    /// <summary><c>v:&lt;json&gt;</c>: the item of a set-like list of scalars with this value.</summary>
    Value,

    /// <summary><c>i:&lt;index&gt;</c>: an item of a list by position (only read, never produced here).</summary>
    Index,
}
