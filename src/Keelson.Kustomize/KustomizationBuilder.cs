using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>Builds one kustomization directory: its resources, then its generators, then its transformers in kustomize's order.</summary>
internal sealed partial class KustomizationBuilder(IFileView files)
{
    private int _kustomizationsRead;

    /// <summary>The top kustomization's sortOptions.order ("legacy" unless it says "fifo").</summary>
    public string SortOrder { get; private set; } = "legacy";

    /// <summary>legacySortOptions.orderFirst of the top kustomization, when it sets one.</summary>
    public IReadOnlyList<string>? OrderFirst { get; private set; }

    /// <summary>legacySortOptions.orderLast of the top kustomization, when it sets one.</summary>
    public IReadOnlyList<string>? OrderLast { get; private set; }

    public List<Resource> Build(string dir) => Build(dir, [], asComponent: false);

    /// <summary>
    /// Builds the kustomization in <paramref name="dir"/> into <paramref name="resources"/>. A component's
    /// generators and transformers act on everything its parent accumulated before it.
    /// </summary>
    private List<Resource> Build(string dir, List<Resource> resources, bool asComponent)
    {
        var (file, k) = ReadKustomization(dir);
        var context = new BuildContext(files, dir, file);
        var isComponent = k.GetString("kind") == "Component";
        if (asComponent && !isComponent)
            throw new KustomizeException($"{file}: expected kind 'Component' for a path listed in components, got '{k.GetString("kind") ?? "Kustomization"}'");
        if (!asComponent && isComponent)
            throw new KustomizeException($"{file}: a Component cannot be built or used as a resource; list it under components");
        if (_kustomizationsRead == 0 && k["sortOptions"] is JsonObject sortOptions)
        {
            SortOrder = sortOptions.GetString("order") ?? "legacy";
            if (sortOptions["legacySortOptions"] is JsonObject legacy)
            {
                OrderFirst = (legacy["orderFirst"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
                OrderLast = (legacy["orderLast"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
            }
        }
        _kustomizationsRead++;
        foreach (var field in KustomizationFields.NotYetSupported)
        {
            // Better to refuse than to render something that differs from kustomize without saying so.
            if (k[field] is JsonArray { Count: > 0 } or JsonObject { Count: > 0 })
                throw new KustomizeException($"{file}: '{field}' is not supported yet by Keelson's renderer");
        }

        foreach (var entry in Strings(k, "bases", file).Concat(Strings(k, "resources", file)))
        {
            foreach (var resource in LoadResource(context, entry))
            {
                if (resources.Any(r => r.Id == resource.Id))
                    throw new KustomizeException(
                        $"{file}: merging resources from '{entry}': may not add resource with an already registered id: {resource.Id}");
                resources.Add(resource);
            }
        }
        foreach (var entry in Strings(k, "components", file))
        {
            var path = FilePaths.Combine(dir, entry);
            if (!files.IsDirectory(path))
                throw new KustomizeException($"{file}: component '{entry}' is not a directory");
            Build(path, resources, asComponent: true);
        }

        Generators.Run(context, k, resources);

        Patches.StrategicMergeList(context, k["patchesStrategicMerge"], resources);
        Patches.PatchList(context, k["patches"], resources);
        if (k["namespace"] is JsonValue nsValue && nsValue.GetValue<string>() is { Length: > 0 } ns)
            MetadataTransforms.SetNamespace(resources, ns);
        var prefix = (k["namePrefix"] as JsonValue)?.GetValue<string>() ?? "";
        var suffix = (k["nameSuffix"] as JsonValue)?.GetValue<string>() ?? "";
        if (prefix.Length > 0 || suffix.Length > 0)
            MetadataTransforms.AddPrefixSuffix(resources, prefix, suffix);
        MetadataTransforms.Labels(context, k, resources);
        if (k["commonAnnotations"] is JsonObject annotations)
            MetadataTransforms.Annotations(resources, annotations);
        Patches.Json6902List(context, k["patchesJson6902"], resources);
        SpecTransforms.Replicas(context, k["replicas"], resources);
        SpecTransforms.Images(context, k["images"], resources);
        Replacements.Apply(context, k["replacements"], resources);

        return resources;
    }

    private (string File, JsonObject Kustomization) ReadKustomization(string dir)
    {
        string? file = null;
        foreach (var name in KustomizationFields.FileNames)
        {
            var candidate = dir + "/" + name;
            if (files.Exists(candidate) && !files.IsDirectory(candidate))
            {
                file = candidate;
                break;
            }
        }
        if (file is null)
            throw new KustomizeException(
                $"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{dir}'");
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = YamlDocuments.Parse(files.ReadAllText(file), file);
        }
        catch (YamlFormatException e)
        {
            throw new KustomizeException($"{file}: {e.Message}", e);
        }
        if (docs.Count == 0 || docs[0] is not JsonObject k)
            throw new KustomizeException($"{file}: kustomization is empty or not a mapping");
        foreach (var (key, _) in k)
        {
            if (!KustomizationFields.Known.Contains(key))
                throw new KustomizeException($"{file}: invalid Kustomization: json: unknown field \"{key}\"");
        }
        CheckTypes(file, k);
        return (file, k);
    }

    /// <summary>kustomize decodes the kustomization into typed fields; a value of the wrong type fails as it does there.</summary>
    private static void CheckTypes(string file, JsonObject k)
    {
        foreach (var field in new[] { "namespace", "namePrefix", "nameSuffix" })
        {
            if (k[field] is { } value && !IsString(value))
                throw TypeError(file, field, value);
        }
        foreach (var field in new[] { "commonLabels", "commonAnnotations" })
        {
            if (k[field] is not JsonObject map) continue;
            foreach (var (_, value) in map)
            {
                if (value is not null && !IsString(value)) throw TypeError(file, field, value);
            }
        }
    }

    private static bool IsString(JsonNode node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private static KustomizeException TypeError(string file, string field, JsonNode value)
    {
        var type = value switch
        {
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
            _ => "number",
        };
        return new KustomizeException($"{file}: invalid Kustomization: json: cannot unmarshal {type} into Go struct field Kustomization.{field} of type string");
    }

    private IEnumerable<Resource> LoadResource(BuildContext context, string entry)
    {
        try
        {
            return LoadResourceUnchecked(context, entry);
        }
        catch (KustomizeException e)
        {
            // kustomize's wording, so a message names the entry of the kustomization that failed.
            throw new KustomizeException($"accumulating resources from '{entry}': {e.Message}", e);
        }
    }

    private List<Resource> LoadResourceUnchecked(BuildContext context, string entry)
    {
        if (IsRemote(entry))
            throw new KustomizeException($"{context.File}: remote resources are not supported");
        var path = FilePaths.Combine(context.Dir, entry);
        if (files.IsDirectory(path))
            return Build(path, [], asComponent: false);
        context.CheckWithinRoot(path);
        if (!files.Exists(path))
            throw new KustomizeException($"{context.File}: '{path}' does not exist");
        return ParseResources(context.ReadFile(path), path).Select(o => new Resource(o)).ToList();
    }

    internal static IEnumerable<JsonObject> ParseResources(string text, string source)
    {
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = KyamlReader.Parse(text, source);
        }
        catch (YamlFormatException e)
        {
            var marker = $"line {e.Line}: ";
            var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
            var what = at < 0 ? e.Message : e.Message[(at + marker.Length)..];
            throw new KustomizeException($"MalformedYAMLError: yaml: line {e.Line}: {what} in File: {source}", e);
        }
        foreach (var doc in docs)
        {
            if (doc is null) continue;
            if (doc is not JsonObject obj)
                throw new KustomizeException($"{source}: a document is not a mapping");
            if (obj.GetKind() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is JsonObject itemObject) yield return (JsonObject)itemObject.DeepClone();
                }
                continue;
            }
            if (obj.GetKind() is null || obj.GetName() is null && obj.GetMetadata()?["generateName"] is null)
                throw new KustomizeException($"{source}: missing metadata.name or kind in a resource");
            yield return obj;
        }
    }

    private static bool IsRemote(string entry) =>
        entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("github.com/", StringComparison.Ordinal) ||
        entry.StartsWith("git@", StringComparison.Ordinal);

    internal static IEnumerable<string> Strings(JsonObject k, string field, string file)
    {
        if (k[field] is null) yield break;
        if (k[field] is not JsonArray list)
            throw new KustomizeException($"{file}: field '{field}' must be a list of strings");
        foreach (var item in list)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s)) yield return s;
            else throw new KustomizeException($"{file}: field '{field}' must be a list of strings");
        }
    }
}
