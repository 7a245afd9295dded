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
        var text = files.ReadAllText(file);
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = YamlDocuments.Parse(text, file);
        }
        catch (YamlFormatException e)
        {
            // kustomize reads the kustomization with sigs.k8s.io/yaml (go-yaml v2).
            var what = GoYamlErrors.Describe(text, GoYamlErrors.Flavor.V2) ?? e.Message;
            throw new KustomizeException($"{file}: invalid Kustomization: {what}", e);
        }
        if (docs.Count == 0 || docs[0] is null)
            throw new KustomizeException($"{file}: {Path.GetFileName(file)} is empty");
        if (docs[0] is not JsonObject k)
            throw new KustomizeException($"{file}: invalid Kustomization: json: cannot unmarshal {GoJsonType(docs[0]!)} into Go value of type types.Kustomization");
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

    private static KustomizeException TypeError(string file, string field, JsonNode value, string goType = "string") =>
        new($"{file}: invalid Kustomization: json: cannot unmarshal {GoJsonType(value)} into Go struct field Kustomization.{field} of type {goType}");

    /// <summary>How Go's encoding/json names a JSON value's type in "cannot unmarshal X into …".</summary>
    private static string GoJsonType(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        _ => "number",
    };

    /// <summary>
    /// Loads one <c>resources</c> entry, wrapping failures as kustomize does: a directory's as a failed file load
    /// followed by the directory's own error, a file's malformed YAML as "accumulating resources from", other file
    /// errors (an invalid document separator) as a failed directory load, and go-yaml's unmarshal errors not at all.
    /// </summary>
    private IEnumerable<Resource> LoadResource(BuildContext context, string entry)
    {
        var path = FilePaths.Combine(context.Dir, entry);
        try
        {
            return LoadResourceUnchecked(context, entry, path);
        }
        catch (KustomizeException e) when (e.InnerException is KyamlError { Kind: KyamlError.Kinds.Unmarshal } || IsUnwrapped(e))
        {
            throw;
        }
        catch (KustomizeException e) when (e.InnerException is KyamlError { Kind: KyamlError.Kinds.Refused })
        {
            throw new KustomizeException(
                $"accumulating resources: accumulation err='accumulating resources from '{entry}': {e.Message}': must build at directory: '{path}': file is not directory", e);
        }
        catch (KustomizeException e) when (!IsRemote(entry) && files.IsDirectory(path))
        {
            throw new KustomizeException(
                $"accumulating resources: accumulation err='accumulating resources from '{entry}': '{path}' must resolve to a file': recursed accumulation of path '{path}': {e.Message}", e);
        }
        catch (KustomizeException e)
        {
            throw new KustomizeException($"accumulating resources: accumulating resources from '{entry}': {e.Message}", e);
        }
    }

    private static bool IsUnwrapped(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is KyamlError { Kind: KyamlError.Kinds.Unmarshal }) return true;
        }
        return false;
    }

    private List<Resource> LoadResourceUnchecked(BuildContext context, string entry, string path)
    {
        if (IsRemote(entry))
            throw new KustomizeException($"{context.File}: remote resources are not supported");
        if (files.IsDirectory(path))
            return Build(path, [], asComponent: false);
        context.CheckWithinRoot(path);
        if (!files.Exists(path))
            throw new KustomizeException($"{context.File}: '{path}' does not exist");
        return ParseResources(context.ReadFile(path), path, entry).Select(o => new Resource(o)).ToList();
    }

    /// <summary>Reads a resource file; <paramref name="entry"/> is how the kustomization names it (kustomize's "in File:").</summary>
    internal static IEnumerable<JsonObject> ParseResources(string text, string source, string entry)
    {
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = KyamlReader.Parse(text, source);
        }
        catch (YamlFormatException e) when (e.InnerException is KyamlError error)
        {
            throw error.Kind == KyamlError.Kinds.Malformed
                ? new KustomizeException($"MalformedYAMLError: {error.Message} in File: {entry}", error)
                : new KustomizeException(error.Message, error);
        }
        foreach (var doc in docs)
        {
            if (doc is null) continue;
            if (doc is not JsonObject obj)
                throw new KustomizeException("missing Resource metadata", new KyamlError(KyamlError.Kinds.Refused, "missing Resource metadata"));
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
            throw TypeError(file, field, k[field]!, "[]string");
        foreach (var item in list)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s)) yield return s;
            else if (item is not null) throw TypeError(file, field, item);
            else throw new KustomizeException($"{file}: '{field}' has an empty entry");
        }
    }
}
