using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>Builds one kustomization directory: its resources, then its generators, then its transformers in kustomize's order.</summary>
internal sealed partial class KustomizationBuilder(IFileView files)
{
    private int _kustomizationsRead;
    private string? _topFile;

    /// <summary>The vars of the kustomization being accumulated (a resource directory gets its own set, merged after).</summary>
    public Vars Vars { get; private set; } = new();

    /// <summary>The field specs of the <c>configurations</c> seen so far, stacked as <see cref="Vars"/> is.</summary>
    public TransformerConfig Config { get; private set; } = new();

    /// <summary>The top kustomization's sortOptions.order ("legacy" unless it says "fifo").</summary>
    public string SortOrder { get; private set; } = "legacy";

    /// <summary>legacySortOptions.orderFirst of the top kustomization, when it sets one.</summary>
    public IReadOnlyList<string>? OrderFirst { get; private set; }

    /// <summary>legacySortOptions.orderLast of the top kustomization, when it sets one.</summary>
    public IReadOnlyList<string>? OrderLast { get; private set; }

    /// <summary>The top kustomization's <c>sortOptions</c>, as written (checked after the build, as kustomize does).</summary>
    public JsonObject? SortOptions { get; private set; }

    /// <summary>The top kustomization's <c>buildMetadata</c> options.</summary>
    public IReadOnlyList<string> BuildMetadataOptions { get; private set; } = [];

    public List<Resource> Build(string dir)
    {
        // kustomize opens the top directory before it looks for the kustomization in it.
        if (BuildContext.Missing(files, dir) is { } missing)
            throw new KustomizeException($"must build at directory: not a valid directory: {missing}");
        if (!files.IsDirectory(dir))
            throw new KustomizeException($"must build at directory: '{dir}': file is not directory");
        return Build(dir, [], Role.Top);
    }

    /// <summary>Why a kustomization is being built: it is the top one, a <c>resources</c> entry, or a component.</summary>
    private enum Role
    {
        Top,
        Resource,
        Component,
    }

    /// <summary>
    /// Builds the kustomization in <paramref name="dir"/> into <paramref name="resources"/>. A component's
    /// generators and transformers act on everything its parent accumulated before it. Below the top, failures are
    /// worded as kustomize's accumulateDirectory words them: "couldn't make target for path" when the kustomization
    /// cannot be read, "recursed accumulation of path" when building it fails.
    /// </summary>
    private List<Resource> Build(string dir, List<Resource> resources, Role role)
    {
        (string File, JsonObject Kustomization) loaded;
        try
        {
            loaded = ReadKustomization(dir);
        }
        catch (KustomizeException e) when (role != Role.Top)
        {
            throw new KustomizeException($"couldn't make target for path '{dir}': {WithoutFilePrefix(e)}", e);
        }
        var (file, k) = loaded;
        var kind = k.GetString("kind") ?? "Kustomization";
        if (role == Role.Component && kind != "Component")
            throw new KustomizeException($"expected kind 'Component' for path '{dir}' but got '{kind}'") { File = file };
        if (role == Role.Resource && kind == "Component")
            throw new KustomizeException($"expected kind != 'Component' for path '{dir}'") { File = file };
        if (role == Role.Top && kind == "Component")
            throw new KustomizeException($"{file}: a Component cannot be built or used as a resource; list it under components") { File = file };
        try
        {
            Accumulate(new BuildContext(files, dir, file), k, resources);
        }
        catch (KustomizeException e) when (role == Role.Top || IsUnwrapped(e))
        {
            e.File ??= file;
            throw;
        }
        catch (KustomizeException e)
        {
            e.File ??= file;
            throw new KustomizeException($"recursed accumulation of path '{dir}': {e.Message}", e);
        }
        return resources;
    }

    /// <summary>
    /// The message as kustomize words it: without the "file: " Keelson puts before an error in a kustomization file
    /// (kept at the top, where it helps; below, kustomize's wrapping already names the directory).
    /// </summary>
    private static string WithoutFilePrefix(KustomizeException e) =>
        e.File is { } f && e.Message.StartsWith(f + ": ", StringComparison.Ordinal) ? e.Message[(f.Length + 2)..] : e.Message;

    private void Accumulate(BuildContext context, JsonObject k, List<Resource> resources)
    {
        var (dir, file) = (context.Dir, context.File);
        if (_kustomizationsRead == 0 && k["sortOptions"] is JsonObject sortOptions)
        {
            SortOptions = sortOptions;
            SortOrder = sortOptions.GetString("order") ?? "legacy";
            if (sortOptions["legacySortOptions"] is JsonObject legacy)
            {
                OrderFirst = (legacy["orderFirst"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
                OrderLast = (legacy["orderLast"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
            }
        }
        if (_kustomizationsRead == 0)
        {
            BuildMetadataOptions = Strings(k, "buildMetadata", file).ToList();
            _topFile = file;
        }
        _kustomizationsRead++;
        foreach (var field in KustomizationFields.NotYetSupported)
        {
            // Better to refuse than to render something that differs from kustomize without saying so.
            if (k[field] is JsonArray { Count: > 0 } or JsonObject { Count: > 0 })
                throw new KustomizeException($"{file}: '{field}' is not supported yet by Keelson's renderer");
        }

        // kustomize appends the deprecated bases to resources.
        foreach (var entry in Strings(k, "resources", file).Concat(Strings(k, "bases", file)))
        {
            var loaded = LoadResource(context, entry).ToList();
            // kustomize builds the entry's objects into one set (no id twice), then merges that set into the
            // kustomization's; an unset namespace and "default" are the same id there.
            var clash = loaded.Where((r, i) => loaded.Take(i).Any(earlier => SameId(earlier, r))).Select(r => (r, "accumulating")).FirstOrDefault();
            if (clash.r is null)
                clash = loaded.Where(r => resources.Any(existing => SameId(existing, r))).Select(r => (r, "merging")).FirstOrDefault();
            if (clash.r is { } duplicate)
            {
                var what = $"{clash.Item2} resources from '{entry}': may not add resource with an already registered id: {duplicate.Id}";
                var path = FilePaths.Combine(dir, entry);
                throw files.IsDirectory(path)
                    ? new KustomizeException($"{file}: {what}")
                    : new KustomizeException($"accumulating resources: accumulation err='{what}': must build at directory: '{path}': file is not directory");
            }
            resources.AddRange(loaded);
        }
        Config.Read(context, k);
        CheckCrds(context, k);
        foreach (var entry in Strings(k, "components", file))
        {
            var path = FilePaths.Combine(dir, entry);
            // kustomize opens the directory (loader.New), then builds it (accumulateDirectory), and quotes what failed.
            if (context.Missing(path) is { } missing)
                throw new KustomizeException($"accumulating components: loader.New {GoString.Quote($"must build at directory: not a valid directory: {missing}")}");
            if (!files.IsDirectory(path))
                throw new KustomizeException($"accumulating components: loader.New {GoString.Quote($"must build at directory: '{path}': file is not directory")}");
            try
            {
                Build(path, resources, Role.Component);
            }
            catch (KustomizeException e) when (!IsUnwrapped(e))
            {
                throw new KustomizeException($"accumulating components: accumulateDirectory: {GoString.Quote(e.Message)}", e);
            }
        }

        HelmCharts.Refuse(k);
        Generators.Run(context, k, resources);
        foreach (var config in LoadPluginConfigs(context, k, "generators"))
            BuiltinPlugins.Generate(context, config, resources, _configFiles.GetValueOrDefault(config, file));

        // kustomize configures every transformer, reading its files, before it runs any.
        Patches.ReadFiles(context, k);
        Replacements.ReadFiles(context, k["replacements"]);
        var transformers = LoadPluginConfigs(context, k, "transformers");
        Patches.StrategicMergeList(context, k["patchesStrategicMerge"], resources);
        Patches.PatchList(context, k["patches"], resources);
        if (k["namespace"] is JsonValue nsValue && nsValue.GetValue<string>() is { Length: > 0 } ns)
            MetadataTransforms.SetNamespace(resources, ns);
        var prefix = (k["namePrefix"] as JsonValue)?.GetValue<string>() ?? "";
        var suffix = (k["nameSuffix"] as JsonValue)?.GetValue<string>() ?? "";
        if (prefix.Length > 0 || suffix.Length > 0)
            MetadataTransforms.AddPrefixSuffix(resources, prefix, suffix);
        MetadataTransforms.Labels(context, k, resources, Config.CommonLabels);
        if (k["commonAnnotations"] is JsonObject annotations)
            MetadataTransforms.Annotations(resources, annotations, Config.CommonAnnotations);
        Patches.Json6902List(context, k["patchesJson6902"], resources);
        SpecTransforms.Replicas(context, k["replicas"], resources);
        SpecTransforms.Images(context, k["images"], resources, Config.Images);
        Replacements.Apply(context, k["replacements"], resources);
        foreach (var config in transformers)
            BuiltinPlugins.Transform(context, config, resources);
        var ran = TransformerOrigins.OfFields(k, file == _topFile && BuildMetadataOptions.Contains("managedByLabel")).Select(kind => Origin.Generated(file, kind, null))
            .Concat(transformers.Select(c => Origin.Generated(_configFiles.GetValueOrDefault(c, file), c.GetKind() ?? "", c.GetName())))
            .ToList();
        foreach (var resource in resources)
            resource.Transformations.AddRange(ran);
        foreach (var config in LoadPluginConfigs(context, k, "validators"))
            BuiltinPlugins.Validate(context, config, resources);
        Vars.Merge(k["vars"], resources);
    }

    /// <summary>
    /// <c>crds</c>: kustomize reads the files after the resources and before the components. Keelson checks them as
    /// kustomize does (so a missing one is reported in kustomize's words), then refuses the field: it does not read
    /// CRD schemas yet.
    /// </summary>
    private static void CheckCrds(BuildContext context, JsonObject k)
    {
        var crds = Strings(k, "crds", context.File).ToList();
        if (crds.Count == 0) return;
        foreach (var crd in crds)
        {
            try
            {
                context.ReadRelative(crd);
            }
            catch (KustomizeException e)
            {
                throw new KustomizeException($"loading CRDs [{string.Join(' ', crds)}]: {e.Message}", e);
            }
        }
        throw new KustomizeException($"{context.File}: 'crds' is not supported yet by Keelson's renderer");
    }

    private (string File, JsonObject Kustomization) ReadKustomization(string dir)
    {
        var found = KustomizationFields.FileNames.Select(name => dir + "/" + name)
            .Where(candidate => files.Exists(candidate) && !files.IsDirectory(candidate)).ToList();
        var file = found.FirstOrDefault();
        if (found.Count > 1)
            throw new KustomizeException($"Found multiple kustomization files under: {dir}") { File = file };
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
            throw new KustomizeException($"{file}: invalid Kustomization: {what}", e) { File = file };
        }
        if (docs.Count == 0 || docs[0] is null)
            throw new KustomizeException($"{file}: {Path.GetFileName(file)} is empty") { File = file };
        if (docs[0] is not JsonObject k)
            throw new KustomizeException($"{file}: invalid Kustomization: json: cannot unmarshal {GoJsonType(docs[0]!)} into Go value of type types.Kustomization") { File = file };
        k = WithFieldNamesAsGoReadsThem(k);
        foreach (var (key, _) in k)
        {
            if (!KustomizationFields.Known.Contains(key))
                throw new KustomizeException($"{file}: invalid Kustomization: json: unknown field \"{key}\"") { File = file };
        }
        CheckTypes(file, k);
        // kustomize compares the decoded struct with an empty one: zero values and type fields do not count.
        if (k.All(p => p.Key is "apiVersion" or "kind" || IsZero(p.Value)))
            throw new KustomizeException($"{file}: {Path.GetFileName(file)} is empty") { File = file };
        CheckKindAndVersion(dir, file, k);
        return (file, k);
    }

    /// <summary>
    /// Go's encoding/json matches field names ignoring case, over the keys in sorted order (sigs.k8s.io/yaml turns
    /// the YAML into JSON through a map), so of <c>Resources</c> and <c>resources</c> the one sorted last wins.
    /// </summary>
    private static JsonObject WithFieldNamesAsGoReadsThem(JsonObject k)
    {
        if (k.All(p => KustomizationFields.Known.Contains(p.Key))) return k;
        var read = new JsonObject();
        foreach (var (key, value) in k.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            var field = KustomizationFields.Known.Contains(key) ? key
                : KustomizationFields.Known.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) ?? key;
            read[field] = value?.DeepClone();
        }
        return read;
    }

    private static bool SameId(Resource a, Resource b) =>
        a.Gvk == b.Gvk && a.Name == b.Name && (a.Namespace is "" ? "default" : a.Namespace) == (b.Namespace is "" ? "default" : b.Namespace);

    private static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<double>(out var d) => d == 0,
        _ => false,
    };

    /// <summary>kustomize's check of the type fields: every problem, one a line, under one heading.</summary>
    private static void CheckKindAndVersion(string dir, string file, JsonObject k)
    {
        var kind = k.GetString("kind") is { Length: > 0 } written ? written : "Kustomization";
        var apiVersion = k.GetString("apiVersion") ?? "";
        var problems = new List<string>();
        if (kind is not ("Kustomization" or "Component"))
            problems.Add("kind should be Kustomization or Component");
        var expected = kind == "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
        if (apiVersion.Length > 0 && apiVersion != expected)
            problems.Add($"apiVersion for {kind} should be {expected}");
        if (problems.Count > 0)
            throw new KustomizeException($"{file}: Failed to read kustomization file under {dir}:\n{string.Join("\n", problems)}") { File = file };
    }

    /// <summary>kustomize decodes the kustomization into typed fields; a value of the wrong type fails as it does there.</summary>
    private static void CheckTypes(string file, JsonObject k)
    {
        foreach (var field in new[] { "resources", "bases", "components", "crds", "buildMetadata" })
            _ = Strings(k, field, file).Count();
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
        new($"{file}: invalid Kustomization: json: cannot unmarshal {GoJsonType(value)} into Go struct field Kustomization.{field} of type {goType}") { File = file };

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
    /// Loads one <c>resources</c> entry, wrapping failures as kustomize does. kustomize tries the entry as a file,
    /// then as a directory, and when both fail says why each did ("accumulation err='…': must build at directory:
    /// …"): for a path that does not exist, a file outside the kustomization's directory, a file whose content was
    /// refused (an invalid document separator). A directory's own error follows its failed file load; a file's
    /// malformed YAML is "accumulating resources from"; go-yaml's unmarshal errors are not wrapped at all.
    /// </summary>
    private IEnumerable<Resource> LoadResource(BuildContext context, string entry)
    {
        var path = FilePaths.Combine(context.Dir, entry);
        if (!IsRemote(entry) && context.Missing(path) is { } missing)
            throw new KustomizeException(
                $"accumulating resources: accumulation err='accumulating resources from '{entry}': {missing}': must build at directory: not a valid directory: {missing}");
        if (!IsRemote(entry) && !files.IsDirectory(path) && !context.IsWithinRoot(path))
            throw new KustomizeException(
                $"accumulating resources: accumulation err='accumulating resources from '{entry}': {context.OutsideRoot(path)}': must build at directory: '{path}': file is not directory");
        try
        {
            return LoadResourceUnchecked(context, entry, path);
        }
        catch (KustomizeException e) when (IsUnwrapped(e))
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
                $"accumulating resources: accumulation err='accumulating resources from '{entry}': '{path}' must resolve to a file': {e.Message}", e);
        }
        catch (KustomizeException e)
        {
            throw new KustomizeException($"accumulating resources: accumulating resources from '{entry}': {e.Message}", e);
        }
    }

    /// <summary>True for go-yaml's unmarshal errors, which kustomize passes up through every level unwrapped.</summary>
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
        {
            var (outer, outerConfig) = (Vars, Config);
            (Vars, Config) = (new Vars(), new TransformerConfig());
            List<Resource> built;
            Vars inner;
            TransformerConfig innerConfig;
            try
            {
                built = Build(path, [], Role.Resource);
            }
            finally
            {
                (inner, innerConfig) = (Vars, Config);
                (Vars, Config) = (outer, outerConfig);
            }
            Config.MergeFrom(innerConfig);
            Vars.MergeFrom(inner, path);
            return built;
        }
        return ParseResources(context.ReadFile(path), path, entry).Select(o => new Resource(o) { Origin = Origin.File(path) }).ToList();
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
                    if (item is JsonObject itemObject) yield return AnnotationsAsStrings((JsonObject)itemObject.DeepClone());
                }
                continue;
            }
            if (obj.GetKind() is null || obj.GetName() is null && obj.GetMetadata()?["generateName"] is null)
                throw new KustomizeException($"{source}: missing metadata.name or kind in a resource");
            yield return AnnotationsAsStrings(obj);
        }
    }

    /// <summary>kustomize reads annotations as strings: a number, boolean or null value becomes its text (labels do not).</summary>
    private static JsonObject AnnotationsAsStrings(JsonObject obj)
    {
        if (obj.GetMetadata()?["annotations"] is not JsonObject annotations) return obj;
        foreach (var (key, value) in annotations.ToList())
        {
            if (value is null) annotations[key] = "null";
            else if (value is JsonValue v && !v.TryGetValue<string>(out _)) annotations[key] = v.ToJsonString();
        }
        return obj;
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
            else throw new KustomizeException($"{file}: '{field}' has an empty entry") { File = file };
        }
    }
}
