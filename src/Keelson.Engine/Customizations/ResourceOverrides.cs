using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Engine.Diff;
using Keelson.Kustomize;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Customizations;

/// <summary>
/// argocd-cm's resource overrides, read as Argo CD reads them (AC: util/settings/settings.go GetResourceOverrides):
/// the combined <c>resource.customizations</c> (YAML: key → override), then the split keys
/// <c>resource.customizations.&lt;type&gt;.&lt;group_kind&gt;</c> (<c>health</c>, <c>useOpenLibs</c>, <c>actions</c>,
/// <c>ignoreDifferences</c>, <c>ignoreResourceUpdates</c>, <c>knownTypeFields</c>; the group and kind joined by
/// <c>_</c>, <c>all</c> for every kind) laid over them. Keys are <c>group/Kind</c>, <c>Kind</c> for the core group, or
/// globs (<c>*.crossplane.io/*</c>, where <c>*</c> matches '/' too). What cannot be read is collected in
/// <see cref="Errors"/>, naming the key, and left out; the rest stays in force. Immutable.
/// </summary>
public sealed class ResourceOverrides
{
    public const string CustomizationsKey = "resource.customizations";

    private readonly Dictionary<string, ResourceOverride> _byKey;
    // Keys with glob characters, in ordinal order so that the first match is the same every time (Argo CD's is a Go map's).
    private readonly List<(string Key, Regex Pattern)> _wildcards;

    private ResourceOverrides(Dictionary<string, ResourceOverride> byKey, IReadOnlyList<string> errors, CompareOptions compareOptions, ResourceFilter filter)
    {
        _byKey = byKey;
        Errors = errors;
        CompareOptions = compareOptions;
        Filter = filter;
        _wildcards = byKey.Keys.Where(k => k.IndexOfAny(['*', '?', '[', '{']) >= 0).Order(StringComparer.Ordinal)
            .Select(k => (k, ArgoGlob.Compile(k))).Where(p => p.Item2 is not null).Select(p => (p.k, p.Item2!)).ToList();
    }

    public static ResourceOverrides Empty { get; } = new(new Dictionary<string, ResourceOverride>(StringComparer.Ordinal), [], CompareOptions.Default, ResourceFilter.Default);

    /// <summary>argocd-cm's <c>resource.compareoptions</c>.</summary>
    public CompareOptions CompareOptions { get; }

    /// <summary>argocd-cm's <c>resource.exclusions</c> and <c>resource.inclusions</c>.</summary>
    public ResourceFilter Filter { get; }

    /// <summary>argocd-cm's <c>resource.ignoreResourceUpdatesEnabled</c> (default true, as in Argo CD 3).</summary>
    public bool IgnoreResourceUpdatesEnabled { get; private init; } = true;

    /// <summary>Every override, by its key.</summary>
    public IReadOnlyDictionary<string, ResourceOverride> ByKey => _byKey;

    /// <summary>What could not be read ("argocd-cm resource.customizations.useOpenLibs.Foo: 'maybe' is not a boolean").</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The key argocd-cm uses for a kind: <c>group/Kind</c>, or <c>Kind</c> in the core group.</summary>
    public static string KeyOf(string group, string kind) => string.IsNullOrEmpty(group) ? kind : $"{group}/{kind}";

    /// <summary>The override under the kind's own key (no wildcard), or null.</summary>
    public ResourceOverride? Exact(string group, string kind) => _byKey.GetValueOrDefault(KeyOf(group, kind));

    /// <summary>
    /// The override whose health script judges the kind: the one under its own key when it has a script, else the
    /// first wildcard key (in ordinal order) that matches and has one; null when none has.
    /// </summary>
    public ResourceOverride? Health(string group, string kind)
    {
        var key = KeyOf(group, kind);
        if (_byKey.TryGetValue(key, out var exact) && exact.HealthLua.Length > 0) return exact;
        foreach (var (wildcard, pattern) in _wildcards)
        {
            if (pattern.IsMatch(key) && _byKey[wildcard] is { HealthLua.Length: > 0 } matched) return matched;
        }
        return null;
    }

    /// <summary>
    /// The overrides' <c>ignoreDifferences</c> as comparison rules — group and kind from the key (globs kept), any name
    /// and namespace — with <c>/status</c> for the kinds <see cref="CompareOptions"/> leave it out of, as Argo CD
    /// adds it. With <paramref name="resourceUpdates"/>, the rules for deciding whether a change is worth a reconcile
    /// instead (AC: GetIgnoreResourceUpdatesOverrides): <c>ignoreResourceUpdates</c>, plus <c>ignoreDifferences</c>
    /// unless compareoptions say otherwise, plus resourceVersion, generation and managedFields of every kind.
    /// </summary>
    public IReadOnlyList<IgnoreDifference> IgnoreRules(bool resourceUpdates = false)
    {
        var effective = _byKey.ToDictionary(kv => kv.Key, kv => kv.Value.IgnoreDifferences, StringComparer.Ordinal);
        if (CompareOptions.StatusIgnoredFor is { } statusKey)
            effective[statusKey] = effective.GetValueOrDefault(statusKey, OverrideIgnoreDiff.Empty).Concat(new OverrideIgnoreDiff { JsonPointers = ["/status"] });
        if (resourceUpdates)
        {
            foreach (var key in effective.Keys.ToList())
            {
                var updates = _byKey.TryGetValue(key, out var own) ? own.IgnoreResourceUpdates : OverrideIgnoreDiff.Empty;
                effective[key] = CompareOptions.IgnoreDifferencesOnResourceUpdates ? updates.Concat(effective[key]) : updates;
            }
            effective["*/*"] = effective.GetValueOrDefault("*/*", OverrideIgnoreDiff.Empty)
                .Concat(new OverrideIgnoreDiff { JsonPointers = ["/metadata/resourceVersion", "/metadata/generation", "/metadata/managedFields"] });
        }
        var rules = new List<IgnoreDifference>();
        foreach (var (key, ignore) in effective.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ignore.IsEmpty) continue;
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var (group, kind) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
            rules.Add(new IgnoreDifference(group, kind, null, null, ignore.JsonPointers, ignore.JqPathExpressions, ignore.ManagedFieldsManagers));
        }
        // An aggregated ClusterRole's rules are the controller's to fill in (AC: gitops-engine diff IgnoreAggregatedRoles).
        if (CompareOptions.IgnoreAggregatedRoles)
            rules.Add(new IgnoreDifference("rbac.authorization.k8s.io", "ClusterRole", null, null, ["/rules"], [], []) { AggregatedOnly = true });
        return rules;
    }

    /// <summary>Reads the overrides from argocd-cm's data. Never throws for what the data says: see <see cref="Errors"/>.</summary>
    public static ResourceOverrides Parse(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var byKey = new Dictionary<string, ResourceOverride>(StringComparer.Ordinal);
        var errors = new List<string>();
        if (data.TryGetValue(CustomizationsKey, out var combined) && combined.Length > 0) ReadCombined(combined, byKey, errors);
        var compareOptions = CompareOptions.Default;
        if (data.TryGetValue(CompareOptions.Key, out var compare))
        {
            try
            {
                compareOptions = ReadCompareOptions(compare);
            }
            catch (Exception ex) when (ex is FormatException or YamlFormatException)
            {
                errors.Add($"argocd-cm {CompareOptions.Key}: {ex.Message}");
            }
        }
        foreach (var (key, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!key.StartsWith(CustomizationsKey + ".", StringComparison.Ordinal)) continue;
            var parts = key.Split('.', 4);
            if (parts.Length < 4) continue;
            try
            {
                var overrideKey = OverrideKey(parts[3]);
                var current = byKey.GetValueOrDefault(overrideKey) ?? new ResourceOverride();
                byKey[overrideKey] = parts[2] switch
                {
                    "health" => current with { HealthLua = value },
                    "useOpenLibs" => current with { UseOpenLibs = ParseBool(value) },
                    "actions" => current with { Actions = ReadActions(value) },
                    "ignoreDifferences" => current with { IgnoreDifferences = ReadIgnore(YamlOf(value)) },
                    "ignoreResourceUpdates" => current with { IgnoreResourceUpdates = ReadIgnore(YamlOf(value)) },
                    "knownTypeFields" => current with { KnownTypeFields = ReadKnownTypes(YamlOf(value)) },
                    var other => throw new FormatException($"resource customization type {other} not supported"),
                };
            }
            catch (Exception ex) when (ex is FormatException or YamlFormatException or InvalidOperationException)
            {
                errors.Add($"argocd-cm {key}: {ex.Message}");
            }
        }
        var filter = new ResourceFilter
        {
            Exclusions = ReadFiltered(data, "resource.exclusions", errors),
            Inclusions = ReadFiltered(data, "resource.inclusions", errors),
        };
        var updatesEnabled = true;
        if (data.TryGetValue("resource.ignoreResourceUpdatesEnabled", out var enabled) && enabled.Length > 0)
        {
            try
            {
                updatesEnabled = ParseBool(enabled);
            }
            catch (FormatException ex)
            {
                errors.Add($"argocd-cm resource.ignoreResourceUpdatesEnabled: {ex.Message}");
            }
        }
        return byKey.Count == 0 && errors.Count == 0 && compareOptions == CompareOptions.Default && filter.Exclusions.Count == 0 && filter.Inclusions.Count == 0 && updatesEnabled
            ? Empty
            : new ResourceOverrides(byKey, errors, compareOptions, filter) { IgnoreResourceUpdatesEnabled = updatesEnabled };
    }

    private static List<FilteredResource> ReadFiltered(IReadOnlyDictionary<string, string> data, string key, List<string> errors)
    {
        if (!data.TryGetValue(key, out var text)) return [];
        try
        {
            if (YamlOf(text) is not { } json) return [];
            if (json is not JsonArray items) throw new FormatException("must be a list of {apiGroups, kinds, clusters}");
            return items.Select(i => i is JsonObject entry
                ? new FilteredResource(Strings(entry, "apiGroups"), Strings(entry, "kinds"), Strings(entry, "clusters"))
                : throw new FormatException("must be a list of {apiGroups, kinds, clusters}")).ToList();
        }
        catch (Exception ex) when (ex is FormatException or YamlFormatException)
        {
            errors.Add($"argocd-cm {key}: {ex.Message}");
            return [];
        }
    }

    private static CompareOptions ReadCompareOptions(string text)
    {
        if (YamlOf(text) is not JsonObject json) return CompareOptions.Default;
        return new CompareOptions
        {
            IgnoreAggregatedRoles = Bool(json, "ignoreAggregatedRoles") ?? false,
            // YAML reads a plain off or false as a boolean: Argo CD takes both as none.
            IgnoreResourceStatusField = json["ignoreResourceStatusField"] switch
            {
                null => "all",
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "all" : "none",
                var v => v.ToString(),
            },
            IgnoreDifferencesOnResourceUpdates = Bool(json, "ignoreDifferencesOnResourceUpdates") ?? true,
        };
    }

    private static bool? Bool(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new FormatException($"{name} must be a boolean"),
    };

    private static void ReadCombined(string text, Dictionary<string, ResourceOverride> byKey, List<string> errors)
    {
        JsonNode? root;
        try
        {
            root = YamlOf(text);
        }
        catch (YamlFormatException ex)
        {
            errors.Add($"argocd-cm {CustomizationsKey}: {ex.Message}");
            return;
        }
        if (root is null) return;
        if (root is not JsonObject map)
        {
            errors.Add($"argocd-cm {CustomizationsKey}: must be a map of group/Kind to overrides");
            return;
        }
        foreach (var (key, value) in map)
        {
            try
            {
                byKey[key] = ReadOverride(value as JsonObject ?? (value is null ? [] : throw new FormatException("must be a map")));
            }
            catch (Exception ex) when (ex is FormatException or YamlFormatException or InvalidOperationException)
            {
                errors.Add($"argocd-cm {CustomizationsKey} {key}: {ex.Message}");
            }
        }
    }

    private static ResourceOverride ReadOverride(JsonObject json) => new()
    {
        HealthLua = StringOf(json["health.lua"], "health.lua") ?? "",
        UseOpenLibs = json["health.lua.useOpenLibs"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) => ParseBool(s),
            _ => throw new FormatException("health.lua.useOpenLibs must be a boolean"),
        },
        Actions = json["actions"] switch
        {
            null => null,
            JsonObject map => ReadActions(map),
            var text => StringOf(text, "actions") is { Length: > 0 } actions ? ReadActions(actions) : null,
        },
        IgnoreDifferences = ReadIgnore(Nested(json["ignoreDifferences"])),
        IgnoreResourceUpdates = ReadIgnore(Nested(json["ignoreResourceUpdates"])),
        KnownTypeFields = ReadKnownTypes(json["knownTypeFields"]),
    };

    /// <summary>Reads an <c>actions</c> value: YAML with <c>discovery.lua</c>, <c>definitions[{name, action.lua}]</c>, <c>mergeBuiltinActions</c>.</summary>
    private static ResourceActions ReadActions(string text) =>
        ReadActions(YamlOf(text) as JsonObject ?? throw new FormatException("actions must be a map with discovery.lua and definitions"));

    private static ResourceActions ReadActions(JsonObject json)
    {
        var definitions = new List<ResourceActionDefinition>();
        foreach (var item in json["definitions"] as JsonArray ?? [])
        {
            if (item is not JsonObject definition || definition.GetString("name") is not { Length: > 0 } name)
                throw new FormatException("actions: each of definitions needs a name");
            definitions.Add(new ResourceActionDefinition(name, StringOf(definition["action.lua"], "action.lua") ?? ""));
        }
        return new ResourceActions
        {
            DiscoveryLua = StringOf(json["discovery.lua"], "discovery.lua") ?? "",
            Definitions = definitions,
            MergeBuiltinActions = json["mergeBuiltinActions"] is JsonValue merge && merge.TryGetValue<bool>(out var m) && m,
        };
    }

    // In the combined form ignoreDifferences is YAML in a string, as Argo CD writes it; a map is taken as well.
    private static JsonNode? Nested(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? YamlOf(text) : value;

    private static OverrideIgnoreDiff ReadIgnore(JsonNode? json)
    {
        if (json is null) return OverrideIgnoreDiff.Empty;
        if (json is not JsonObject map) throw new FormatException("ignoreDifferences must be a map of jsonPointers, jqPathExpressions, managedFieldsManagers");
        var ignore = new OverrideIgnoreDiff
        {
            JsonPointers = Strings(map, "jsonPointers"),
            JqPathExpressions = Strings(map, "jqPathExpressions"),
            ManagedFieldsManagers = Strings(map, "managedFieldsManagers"),
        };
        return ignore.IsEmpty ? OverrideIgnoreDiff.Empty : ignore;
    }

    private static IReadOnlyList<KnownTypeField> ReadKnownTypes(JsonNode? json)
    {
        if (json is null) return [];
        if (json is not JsonArray items) throw new FormatException("knownTypeFields must be a list of {field, type}");
        return items.Select(i => i is JsonObject o && o.GetString("field") is { } field
            ? ResourceCustomizations.KnownTypes.Contains(o.GetString("type") ?? "")
                ? new KnownTypeField(field, o.GetString("type")!)
                : throw new FormatException($"knownTypeFields: type '{o.GetString("type")}' is not supported (use {string.Join(" or ", ResourceCustomizations.KnownTypes)})")
            : throw new FormatException("knownTypeFields: each item needs a field")).ToList();
    }

    private static List<string> Strings(JsonObject map, string name) => map[name] switch
    {
        null => [],
        JsonArray items => items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"{name} must be a list of strings")).ToList(),
        _ => throw new FormatException($"{name} must be a list of strings"),
    };

    private static string? StringOf(JsonNode? value, string name) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new FormatException($"{name} must be a string"),
    };

    private static JsonNode? YamlOf(string text) => YamlDocuments.Parse(text).FirstOrDefault();

    // group_kind → group/kind; a bare Kind is the core group's; all is every kind (AC: convertToOverrideKey).
    private static string OverrideKey(string groupKind)
    {
        var parts = groupKind.Split('_');
        if (parts.Length == 2) return $"{parts[0]}/{parts[1]}";
        if (parts.Length == 1 && groupKind.Length > 0) return groupKind == "all" ? "*/*" : groupKind;
        throw new FormatException($"group kind should be in format `resource.customizations.<type>.<group_kind>` or resource.customizations.<type>.<kind>`, got group kind: '{groupKind}'");
    }

    // Go's strconv.ParseBool.
    private static bool ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a boolean")),
    };
}
