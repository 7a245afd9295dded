using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>
/// <c>generators:</c>, <c>transformers:</c> and <c>validators:</c> entries holding kustomize's builtin plugin configs
/// (<c>apiVersion: builtin</c>), run through the same code as the kustomization fields they stand for. Exec, Go and
/// KRM-function plugins are refused as <c>kubectl kustomize</c> refuses them without its alpha-plugin flags.
/// </summary>
internal static class BuiltinPlugins
{
    private static readonly HashSet<string> Generators = ["ConfigMapGenerator", "SecretGenerator"];

    private static readonly HashSet<string> Transformers =
    [
        "PrefixTransformer", "SuffixTransformer", "NamespaceTransformer", "LabelTransformer", "AnnotationsTransformer",
        "PatchTransformer", "PatchJson6902Transformer", "PatchStrategicMergeTransformer", "ImageTagTransformer",
        "ReplicaCountTransformer", "ReplacementTransformer",
    ];

    /// <summary>Kinds kustomize knows as builtins that Keelson does not run yet (refused rather than skipped).</summary>
    private static readonly HashSet<string> NotYetSupported = ["HashTransformer", "IAMPolicyGenerator", "HelmChartInflationGenerator", "ValueAddTransformer"];

    /// <summary>Checks every config can be loaded as kustomize's plugin loader checks it, before any runs.</summary>
    public static void CheckLoadable(IEnumerable<JsonObject> configs, bool generators)
    {
        foreach (var config in configs)
        {
            var kind = config.GetKind() ?? "";
            if (config.GetApiVersion() != "builtin")
                throw new KustomizeException((generators ? "loading generator plugins: failed to load generator: " : "") +
                    $"external plugins disabled; unable to load external plugin '{kind}'");
            var known = generators ? Generators : Transformers;
            if (NotYetSupported.Contains(kind))
                throw new KustomizeException($"builtin {kind} is not supported yet by Keelson's renderer");
            if (!known.Contains(kind))
                throw new KustomizeException((generators ? "loading generator plugins: failed to load generator: " : "") +
                    $"unable to load builtin {kind}.builtin.[noGrp]");
        }
    }

    public static void Generate(BuildContext context, JsonObject config, List<Resource> resources, string configFile)
    {
        var entry = Body(config);
        entry["name"] = config.GetName();
        if (config.GetNamespace() is { } ns) entry["namespace"] = ns;
        var field = config.GetKind() == "SecretGenerator" ? "secretGenerator" : "configMapGenerator";
        Kustomize.Generators.Run(context, new JsonObject { [field] = new JsonArray(entry) }, resources, (configFile, config.GetName()));
    }

    public static void Transform(BuildContext context, JsonObject config, List<Resource> resources)
    {
        var body = Body(config);
        switch (config.GetKind())
        {
            case "PrefixTransformer":
            case "SuffixTransformer":
                var isPrefix = config.GetKind() == "PrefixTransformer";
                var affix = body.GetString(isPrefix ? "prefix" : "suffix") ?? "";
                var specs = FieldSpecs(body);
                if (specs.Any(s => s.Path != "metadata/name"))
                    throw new KustomizeException($"{config.GetKind()} '{config.GetName()}': field specs other than metadata/name are not supported yet by Keelson's renderer");
                var named = resources.Where(r => specs.Any(s => s.AppliesTo(r.Kind))).ToList();
                MetadataTransforms.AddPrefixSuffix(named, isPrefix ? affix : "", isPrefix ? "" : affix);
                break;
            case "NamespaceTransformer":
                if (body["unsetOnly"] is JsonValue u && u.TryGetValue<bool>(out var unsetOnly) && unsetOnly || body.ContainsKey("setRoleBindingSubjects"))
                    throw new KustomizeException($"NamespaceTransformer '{config.GetName()}': unsetOnly and setRoleBindingSubjects are not supported yet by Keelson's renderer");
                if (config.GetNamespace() is { Length: > 0 } ns) MetadataTransforms.SetNamespace(resources, ns);
                break;
            case "LabelTransformer":
                MetadataTransforms.Apply(resources, body["labels"] as JsonObject ?? [], FieldSpecs(body));
                break;
            case "AnnotationsTransformer":
                MetadataTransforms.Apply(resources, body["annotations"] as JsonObject ?? [], FieldSpecs(body));
                break;
            case "PatchTransformer":
                Patches.PatchList(context, new JsonArray(body), resources);
                break;
            case "PatchJson6902Transformer":
                if (body["jsonOp"] is { } op) body["patch"] = op.DeepClone();
                Patches.Json6902List(context, new JsonArray(body), resources);
                break;
            case "PatchStrategicMergeTransformer":
                var patches = new JsonArray();
                foreach (var path in body["paths"] as JsonArray ?? []) patches.Add(path?.DeepClone());
                if (body.GetString("patches") is { } inline) patches.Add(inline);
                Patches.StrategicMergeList(context, patches, resources);
                break;
            case "ImageTagTransformer":
                SpecTransforms.Images(context, new JsonArray(body["imageTag"]?.DeepClone()), resources);
                break;
            case "ReplicaCountTransformer":
                SpecTransforms.Replicas(context, new JsonArray(body["replica"]?.DeepClone()), resources);
                break;
            case "ReplacementTransformer":
                Replacements.Apply(context, body["replacements"], resources);
                break;
        }
    }

    /// <summary>
    /// A validator runs as a transformer over a copy; kustomize refuses one that adds, removes or renames objects.
    /// </summary>
    public static void Validate(BuildContext context, JsonObject config, List<Resource> resources)
    {
        var copy = resources.Select(r => new Resource((JsonObject)r.Object.DeepClone())).ToList();
        Transform(context, config, copy);
        var after = copy.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (resources.FirstOrDefault(r => !after.Contains(r.Id)) is { } missing)
            throw new KustomizeException($"validator shouldn't modify the resource map: id in self missing from other; id: {missing.Id}");
    }

    private static List<FieldSpec> FieldSpecs(JsonObject body) =>
        (body["fieldSpecs"] as JsonArray ?? []).OfType<JsonObject>().Select(FieldSpec.From).ToList();

    /// <summary>The config without its identity: what the builtin reads.</summary>
    private static JsonObject Body(JsonObject config)
    {
        var body = (JsonObject)config.DeepClone();
        body.Remove("apiVersion");
        body.Remove("kind");
        body.Remove("metadata");
        return body;
    }
}
