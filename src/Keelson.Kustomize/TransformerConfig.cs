using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>
/// Field specs added by <c>configurations:</c> files (kustomize's TransformerConfig): where commonLabels,
/// commonAnnotations and <c>$(VAR)</c> also apply, on custom resources. A kustomization sees its own and those of its
/// resource directories and components; the top's set is the varReference used for vars.
/// </summary>
internal sealed class TransformerConfig
{
    private static readonly HashSet<string> Supported = ["commonLabels", "commonAnnotations", "varReference", "images"];

    private static readonly HashSet<string> Known =
        ["namePrefix", "nameSuffix", "nameSpace", "commonLabels", "templateLabels", "commonAnnotations", "images", "replicas", "nameReference", "varReference"];

    public List<FieldSpec> CommonLabels { get; } = [];

    public List<FieldSpec> CommonAnnotations { get; } = [];

    public List<FieldSpec> VarReference { get; } = [];

    public List<FieldSpec> Images { get; } = [];

    public List<NameReferenceSpec> NameReference { get; } = [];

    /// <summary>Reads the kustomization's <c>configurations</c> files into this config.</summary>
    public void Read(BuildContext context, JsonObject k)
    {
        foreach (var entry in KustomizationBuilder.Strings(k, "configurations", context.File))
        {
            var text = context.ReadRelative(entry);
            var docs = YamlDocuments.Parse(text, entry);
            if (docs.Count == 0 || docs[0] is not JsonObject config) continue;
            foreach (var (field, value) in config)
            {
                if (!Known.Contains(field))
                    throw new KustomizeException($"{context.File}: configurations: {entry}: unknown field \"{field}\"");
                if (value is not JsonArray { Count: > 0 } specs) continue;
                if (field == "nameReference")
                {
                    NameReference.AddRange(specs.OfType<JsonObject>().Select(NameReferenceSpec.From));
                    continue;
                }
                if (!Supported.Contains(field))
                    throw new KustomizeException($"{context.File}: configurations: {entry}: '{field}' field specs are not supported yet by Keelson's renderer");
                List(field).AddRange(specs.OfType<JsonObject>().Select(FieldSpec.From));
            }
        }
    }

    /// <summary>Adds another kustomization's config (kustomize's MergeConfig; a spec already present is kept once).</summary>
    public void MergeFrom(TransformerConfig other)
    {
        foreach (var spec in other.NameReference)
        {
            if (!NameReference.Any(s => s.SameAs(spec))) NameReference.Add(spec);
        }
        foreach (var field in Supported)
        {
            foreach (var spec in other.List(field))
            {
                if (!List(field).Any(s => s.Path == spec.Path && s.Create == spec.Create && s.Kinds.SequenceEqual(spec.Kinds)))
                    List(field).Add(spec);
            }
        }
    }

    private List<FieldSpec> List(string field) => field switch
    {
        "commonLabels" => CommonLabels,
        "commonAnnotations" => CommonAnnotations,
        "images" => Images,
        _ => VarReference,
    };
}
