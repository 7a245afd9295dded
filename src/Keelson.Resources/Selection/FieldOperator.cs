namespace Keelson.Resources.Selection;

/// <summary>The operators of a field selector term.</summary>
public enum FieldOperator
{
    Equals,
    NotEquals,
}
