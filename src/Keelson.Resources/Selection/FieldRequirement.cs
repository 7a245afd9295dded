namespace Keelson.Resources.Selection;

/// <summary>One term of a field selector; a missing field has the value "".</summary>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    public bool Matches(Func<string, string?> fieldValue)
    {
        var actual = fieldValue(Field) ?? "";
        return Operator == FieldOperator.Equals ? actual == Value : actual != Value;
    }

    public override string ToString() => $"{Field}{(Operator == FieldOperator.Equals ? "=" : "!=")}{FieldSelector.Escape(Value)}";
}
