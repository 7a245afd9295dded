using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>
/// A <c>nameReference</c> entry of a <c>configurations</c> file: objects of <see cref="Kind"/> are referred to by
/// name at each of the field specs (a string, or a list of strings), which follow the referral when it is renamed.
/// </summary>
internal sealed record NameReferenceSpec(string Kind, IReadOnlyList<FieldSpec> FieldSpecs)
{
    public static NameReferenceSpec From(JsonObject entry) =>
        new(entry.GetString("kind") ?? "",
            (entry["fieldSpecs"] as JsonArray)?.OfType<JsonObject>().Select(FieldSpec.From).ToList() ?? []);

    public bool SameAs(NameReferenceSpec other) =>
        Kind == other.Kind && FieldSpecs.Count == other.FieldSpecs.Count &&
        FieldSpecs.Zip(other.FieldSpecs).All(p => p.First.Path == p.Second.Path && p.First.Kinds.SequenceEqual(p.Second.Kinds));
}
