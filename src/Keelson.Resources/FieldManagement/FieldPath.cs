using System.Collections;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// The path from an object's root to one of its fields or list items. <see cref="ToString"/> gives the
/// form Kubernetes reports in conflicts: <c>.spec.template.spec.containers[name="web"].image</c>.
/// </summary>
public sealed class FieldPath : IReadOnlyList<PathElement>, IEquatable<FieldPath>
{
    private readonly PathElement[] _elements;

    private FieldPath(PathElement[] elements) => _elements = elements;

    public static FieldPath Root { get; } = new([]);

    public static FieldPath Of(params PathElement[] elements) => new((PathElement[])elements.Clone());

    /// <summary>A path of field names only: <c>FieldPath.Fields("spec", "replicas")</c>.</summary>
    public static FieldPath Fields(params string[] names) => new(names.Select(PathElement.Field).ToArray());

    public int Count => _elements.Length;

    public PathElement this[int index] => _elements[index];

    public PathElement? Last => _elements.Length == 0 ? null : _elements[^1];

    public FieldPath Parent => _elements.Length == 0 ? this : new(_elements[..^1]);

    public FieldPath Append(PathElement element) => new([.. _elements, element]);

    public bool StartsWith(FieldPath prefix) =>
        prefix.Count <= Count && prefix._elements.Select((e, i) => e.Equals(_elements[i])).All(same => same);

    public IEnumerator<PathElement> GetEnumerator() => ((IEnumerable<PathElement>)_elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(FieldPath? other) => other is not null && _elements.SequenceEqual(other._elements);

    public override bool Equals(object? obj) => obj is FieldPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in _elements) hash.Add(e);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Concat(_elements.Select(e => e.ToString()));
}
