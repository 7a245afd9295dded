using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// <c>helmCharts</c>: Keelson's renderer does not run helm, so a kustomization with a chart fails as
/// <c>kubectl kustomize</c> fails without <c>--enable-helm</c>, at the point kustomize configures its generators
/// (after resources and components, before configMapGenerator reads its files). <c>helmGlobals</c> alone
/// generates nothing and is accepted, as kustomize accepts it.
/// </summary>
internal static class HelmCharts
{
    public static void Refuse(JsonObject k)
    {
        if (k["helmCharts"] is not JsonArray { Count: > 0 } charts) return;
        // kustomize configures one generator per chart, the chart's fields and helmGlobals' inline together.
        var config = new JsonObject();
        if (k["helmGlobals"] is JsonObject globals)
        {
            foreach (var (key, value) in globals) config[key] = value?.DeepClone();
        }
        if (charts[0] is JsonObject chart)
        {
            foreach (var (key, value) in chart) config[key] = value?.DeepClone();
        }
        // The typed config's booleans are omitempty too: false is not printed.
        foreach (var key in config.Where(p => p.Value is JsonValue v && v.TryGetValue<bool>(out var b) && !b).Select(p => p.Key).ToList())
            config.Remove(key);
        throw PluginConfig.Failed("HelmChartInflationGenerator", config,
            "must specify --enable-helm", new KustomizeException("Keelson's renderer does not run helm"));
    }
}
