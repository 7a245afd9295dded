namespace Keelson.Resources.Selection;

/// <summary>The operators of a label requirement.</summary>
public enum LabelOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
