namespace Keelson.Kustomize;

/// <summary>The fields a Kustomization (or Component) may carry; any other top-level field is an error.</summary>
internal static class KustomizationFields
{
    public static readonly HashSet<string> Known =
    [
        "apiVersion", "kind", "metadata", "resources", "bases", "components", "namespace", "namePrefix", "nameSuffix",
        "commonLabels", "labels", "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge",
        "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions", "replacements", "vars",
        "sortOptions", "crds", "generators", "transformers", "validators", "openapi", "configurations",
        "helmCharts", "helmGlobals", "helmChartInflationGenerator", "buildMetadata", "nameReference",
    ];

    /// <summary>Fields kustomize honours that this renderer does not implement yet; a kustomization using one fails loudly.</summary>
    public static readonly string[] NotYetSupported =
    [
        "openapi", "helmChartInflationGenerator", "nameReference",
    ];

    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
}
