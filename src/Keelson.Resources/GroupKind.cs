namespace Keelson.Resources;

/// <summary>A kind within an API group, independent of version.</summary>
public readonly record struct GroupKind(string Group, string Kind)
{
    public override string ToString() => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
