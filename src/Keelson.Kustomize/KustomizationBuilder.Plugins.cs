using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

internal sealed partial class KustomizationBuilder
{
    /// <summary>
    /// The plugin configs of <c>generators</c>, <c>transformers</c> or <c>validators</c> as kustomize loads them: an
    /// entry that parses as an object is an inline config (all of those first), the rest are files or directories
    /// loaded as resources. Each is checked loadable before any runs.
    /// </summary>
    /// <summary>The file each plugin config was read from (the kustomization for inline ones), for origin annotations.</summary>
    private readonly Dictionary<JsonObject, string> _configFiles = new(ReferenceEqualityComparer.Instance);

    private List<JsonObject> LoadPluginConfigs(BuildContext context, JsonObject k, string field)
    {
        var entries = Strings(k, field, context.File).ToList();
        if (entries.Count == 0) return [];
        var configs = new List<JsonObject>();
        var paths = new List<string>();
        foreach (var entry in entries)
        {
            if (Inline(entry) is { } inline)
            {
                configs.AddRange(inline);
                foreach (var config in inline) _configFiles[config] = context.File;
            }
            else paths.Add(entry);
        }
        foreach (var path in paths)
        {
            try
            {
                foreach (var resource in LoadResource(context, path))
                {
                    configs.Add(resource.Object);
                    _configFiles[resource.Object] = resource.Origin?.Path ?? context.File;
                }
            }
            catch (KustomizeException e) when (e.Message.StartsWith(AccumulatingResources, StringComparison.Ordinal))
            {
                // The same loader as resources, without the field's prefix.
                throw new KustomizeException(e.Message[AccumulatingResources.Length..], e);
            }
        }
        BuiltinPlugins.CheckLoadable(configs, generators: field == "generators");
        return configs;
    }

    private const string AccumulatingResources = "accumulating resources: ";

    private static List<JsonObject>? Inline(string entry)
    {
        if (!entry.Contains('\n', StringComparison.Ordinal)) return null;
        try
        {
            var docs = YamlDocuments.Parse(entry, "inline");
            return docs.Count > 0 && docs.All(d => d is JsonObject) ? docs.Cast<JsonObject>().ToList() : null;
        }
        catch (YamlFormatException)
        {
            return null;
        }
    }
}
