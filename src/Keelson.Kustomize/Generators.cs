using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>configMapGenerator and secretGenerator: literals, files and env files, with create/merge/replace behaviour.</summary>
internal static class Generators
{
    /// <summary>
    /// Runs the kustomization's (or a builtin generator config's) generators; <paramref name="plugin"/> names the
    /// config file and config name when the generator is a <c>generators:</c> entry (for origin annotations).
    /// </summary>
    public static void Run(BuildContext context, JsonObject k, List<Resource> resources, (string File, string? Name)? plugin = null)
    {
        var options = k["generatorOptions"] as JsonObject;
        if (k["configMapGenerator"] is JsonArray configMaps)
        {
            foreach (var spec in configMaps.OfType<JsonObject>())
                Add(context, spec, options, isSecret: false, resources, plugin);
        }
        if (k["secretGenerator"] is JsonArray secrets)
        {
            foreach (var spec in secrets.OfType<JsonObject>())
                Add(context, spec, options, isSecret: true, resources, plugin);
        }
    }

    private static void Add(BuildContext context, JsonObject spec, JsonObject? globalOptions, bool isSecret, List<Resource> resources, (string File, string? Name)? plugin)
    {
        var field = isSecret ? "secretGenerator" : "configMapGenerator";
        var name = spec.GetString("name") ?? throw new KustomizeException($"{context.File}: {field}: an entry has no name");
        var ns = spec.GetString("namespace");
        var behavior = spec.GetString("behavior") ?? "create";
        var data = new JsonObject();
        foreach (var (key, value) in Entries(context, spec, field))
        {
            if (data.ContainsKey(key))
                throw new KustomizeException($"{context.File}: {(isSecret ? "secret" : "configmap")} {name} illegally repeats the key `{key}`");
            data[key] = isSecret ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
        }
        var options = spec["options"] as JsonObject;
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = isSecret ? "Secret" : "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name },
        };
        if (ns is not null) obj.Metadata()["namespace"] = ns;
        if (data.Count > 0) obj["data"] = data;
        if (isSecret) obj["type"] = spec.GetString("type") ?? "Opaque";
        var hash = true;
        foreach (var opts in new[] { globalOptions, options })
        {
            if (opts is null) continue;
            if (opts["labels"] is JsonObject labels)
            {
                foreach (var (key, value) in labels) obj.Metadata().EnsureObject("labels")[key] = value?.DeepClone();
            }
            if (opts["annotations"] is JsonObject annotations)
            {
                foreach (var (key, value) in annotations) obj.Metadata().EnsureObject("annotations")[key] = value?.DeepClone();
            }
            if (opts["disableNameSuffixHash"] is JsonValue disable && disable.TryGetValue<bool>(out var d)) hash = !d;
            if (opts["immutable"] is JsonValue immutable && immutable.TryGetValue<bool>(out var i) && i) obj["immutable"] = true;
        }

        switch (behavior)
        {
            case "create":
                if (resources.Any(r => r.Kind == obj.GetKind() && r.HasName(name) && r.Namespace == (ns ?? "")))
                    throw new KustomizeException($"{context.File}: {field} '{name}' already exists; use behavior merge or replace");
                var origin = Origin.Generated(plugin?.File ?? context.File, isSecret ? "SecretGenerator" : "ConfigMapGenerator", plugin?.Name);
                resources.Add(new Resource(obj) { NeedsHashSuffix = hash, Origin = origin });
                break;
            case "merge":
            case "replace":
                var existing = resources.FirstOrDefault(r => r.Kind == obj.GetKind() && r.HasName(name) && (ns is null || r.Namespace == ns))
                    ?? throw new KustomizeException($"{context.File}: {field} '{name}': behavior {behavior} but no existing {obj.GetKind()} to {behavior}");
                Merge(existing, obj, behavior == "replace");
                existing.NeedsHashSuffix = existing.NeedsHashSuffix && hash;
                break;
            default:
                throw new KustomizeException($"{context.File}: {field} '{name}': unknown behavior '{behavior}'");
        }
    }

    private static void Merge(Resource existing, JsonObject generated, bool replace)
    {
        var target = existing.Object;
        if (replace) target.Remove("data");
        if (generated["data"] is JsonObject data)
        {
            var targetData = target.EnsureObject("data");
            foreach (var (key, value) in data) targetData[key] = value?.DeepClone();
        }
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (generated.GetMetadata()?[field] is JsonObject map)
            {
                var targetMap = target.Metadata().EnsureObject(field);
                foreach (var (key, value) in map) targetMap[key] = value?.DeepClone();
            }
        }
        if (generated["immutable"] is not null) target["immutable"] = generated["immutable"]!.DeepClone();
    }

    /// <summary>
    /// The key-value pairs of a generator, loaded in kustomize's order (env files, literals, files); a file that
    /// cannot be read fails as kustomize's "loading KV pairs", naming all the sources of its kind.
    /// </summary>
    private static List<(string Key, string Value)> Entries(BuildContext context, JsonObject spec, string field)
    {
        var pairs = new List<(string Key, string Value)>();
        var envs = Strings(spec, "envs").Concat(spec.GetString("env") is { } single ? [single] : []).ToList();
        foreach (var env in envs)
        {
            try
            {
                pairs.AddRange(ParseEnv(context.ReadRelative(env)));
            }
            catch (KustomizeException e)
            {
                throw new KustomizeException($"loading KV pairs: env source files: [{string.Join(' ', envs)}]: {e.Message}", e);
            }
        }
        foreach (var literal in Strings(spec, "literals"))
        {
            var eq = literal.IndexOf('=');
            if (eq < 0) throw new KustomizeException($"{context.File}: {field}: literal '{literal}' is not KEY=VALUE");
            pairs.Add((literal[..eq], Unquote(literal[(eq + 1)..])));
        }
        var sources = Strings(spec, "files").ToList();
        foreach (var entry in sources)
        {
            var eq = entry.IndexOf('=');
            var key = eq < 0 ? FilePaths.FileName(entry) : entry[..eq];
            var path = eq < 0 ? entry : entry[(eq + 1)..];
            try
            {
                pairs.Add((key, context.ReadRelative(path)));
            }
            catch (KustomizeException e)
            {
                throw new KustomizeException($"loading KV pairs: file sources: [{string.Join(' ', sources)}]: {e.Message}", e);
            }
        }
        return pairs;
    }

    private static IEnumerable<(string, string)> ParseEnv(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            yield return (line[..eq], line[(eq + 1)..]);
        }
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            return value[1..^1];
        return value;
    }

    private static IEnumerable<string> Strings(JsonObject spec, string field) =>
        spec[field] is JsonArray list ? list.Select(n => n?.GetValue<string>() ?? "") : [];
}
