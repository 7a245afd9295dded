using System.Text.Json.Nodes;

namespace Keelson.Engine.Diff;

/// <summary>One step of a <see cref="JqPath"/>: a closed set of the jq path forms ignoreDifferences uses.</summary>
internal abstract record JqStep
{
    private JqStep()
    {
    }

    /// <summary><c>.name</c>, <c>."name"</c> or <c>["name"]</c>: a property of an object.</summary>
    public sealed record Field(string Name) : JqStep;

    /// <summary><c>[n]</c>: an array item by position; negative counts from the end, as in jq.</summary>
    public sealed record Index(int Position) : JqStep;

    /// <summary><c>[]</c>: every item of an array (or every value of an object).</summary>
    public sealed record Iterate : JqStep;

    /// <summary>
    /// <c>select(.path == literal)</c> or <c>!=</c>: keeps the current values whose <paramref name="Path"/> (fields
    /// and indexes only; empty for <c>.</c>) equals (or not) <paramref name="Literal"/>.
    /// </summary>
    public sealed record Select(IReadOnlyList<JqStep> Path, bool Equal, JsonNode? Literal) : JqStep;
}
