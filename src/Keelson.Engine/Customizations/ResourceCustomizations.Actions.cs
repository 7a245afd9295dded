using System.Text.Json.Nodes;
using Keelson.Engine.Lua;
using Keelson.Resources;

namespace Keelson.Engine.Customizations;

public sealed partial class ResourceCustomizations
{
    /// <summary>Keelson's own actions (builtin-actions.yaml): restart, pause, resume, scale, create-job, suspend, terminate, toggle-auto-sync.</summary>
    public static ResourceOverrides BuiltinActions { get; } = ReadBuiltinActions();

    /// <summary>The actions argocd-cm configures for the kind (its own key only, as Argo CD looks them up), or null.</summary>
    public ResourceActions? Actions(string group, string kind) => Overrides.Exact(group, kind)?.Actions;

    /// <summary>Whether any actions, argocd-cm's or built in, are there for the kind.</summary>
    public bool HasActions(string group, string kind) => Actions(group, kind) is not null || BuiltinActions.Exact(group, kind)?.Actions is not null;

    /// <summary>
    /// The actions <paramref name="live"/> offers, by name: argocd-cm's for its kind, and the built-in ones unless
    /// argocd-cm's replace them (they do unless <c>mergeBuiltinActions</c>; argocd-cm's win a name both have).
    /// </summary>
    /// <exception cref="LuaScriptException">A discovery script fails or returns what is not a table of actions.</exception>
    public IReadOnlyList<ResourceActionInfo> DiscoverActions(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var gvk = live.GetGroupVersionKind();
        var configured = Actions(gvk.Group, gvk.Kind);
        var found = new List<ResourceActionInfo>();
        if (configured is not null) found.AddRange(DiscoverActions(live, configured));
        if ((configured is null || configured.MergeBuiltinActions) && BuiltinActions.Exact(gvk.Group, gvk.Kind)?.Actions is { } builtin)
            found.AddRange(DiscoverActions(live, builtin).Where(b => found.All(f => f.Name != b.Name)));
        return found.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The action of that name for the kind: argocd-cm's definition, else the built-in one (offered or not), else null.</summary>
    public ResourceActionDefinition? FindAction(string group, string kind, string name) =>
        Actions(group, kind)?.Definitions.FirstOrDefault(d => d.Name == name)
        ?? BuiltinActions.Exact(group, kind)?.Actions?.Definitions.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// Runs <c>discovery.lua</c> over <paramref name="live"/>: the actions it offers, by name (ordinal order). A
    /// script returns a table of action name → <c>{disabled, iconClass, displayName, params}</c> (or an empty table).
    /// </summary>
    /// <exception cref="LuaScriptException">The script fails, or what it returns is not such a table.</exception>
    public IReadOnlyList<ResourceActionInfo> DiscoverActions(JsonObject live, ResourceActions actions)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(actions);
        var result = _host.Run(actions.DiscoveryLua, useOpenLibs: false, live);
        switch (result)
        {
            case JsonArray { Count: 0 }:
                return [];
            case JsonObject table:
                return table.Select(kv => ReadAction(kv.Key, kv.Value)).ToList();
            default:
                throw new LuaScriptException($"expect table output from Lua script, not {Describe(result)}");
        }
    }

    private static ResourceActionInfo ReadAction(string name, JsonNode? value)
    {
        // An empty table reads as an empty array: an action with nothing but its name.
        if (value is not JsonObject action) return new ResourceActionInfo(name);
        var parameters = (action["params"] as JsonArray)?.OfType<JsonObject>().Select(p => p.GetString("name") ?? "").ToList();
        return new ResourceActionInfo(
            action.GetString("name") is { Length: > 0 } renamed ? renamed : name,
            action["disabled"] is JsonValue d && d.TryGetValue<bool>(out var disabled) && disabled,
            NonEmpty(action.GetString("iconClass")),
            NonEmpty(action.GetString("displayName")),
            parameters);
    }

    /// <summary>
    /// Runs an <c>action.lua</c> over <paramref name="live"/> (not changed) with <c>actionParams</c>: the changed
    /// object (one patch, the old style) or a list of <c>{operation = "patch"|"create", resource = …}</c>. An object
    /// to patch has the empty maps of the live object that came back as empty arrays made maps again (Lua cannot tell
    /// an empty map from an empty list), as Argo CD does.
    /// </summary>
    /// <exception cref="LuaScriptException">The script fails, or what it returns is neither.</exception>
    public IReadOnlyList<ImpactedResource> RunAction(JsonObject live, string actionLua, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(actionLua);
        var result = _host.Run(actionLua, useOpenLibs: false, live, parameters);
        var impacted = new List<ImpactedResource>();
        switch (result)
        {
            case JsonObject changed:
                impacted.Add(new ImpactedResource(ImpactedOperation.Patch, changed));
                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    if (item is not JsonObject entry || entry["resource"] is not JsonObject resource)
                        throw new LuaScriptException("each item of an action's list must be {operation = \"patch\"|\"create\", resource = {…}}");
                    var operation = entry.GetString("operation") switch
                    {
                        "patch" => ImpactedOperation.Patch,
                        "create" => ImpactedOperation.Create,
                        var other => throw new LuaScriptException($"unsupported operation: \"{other}\""),
                    };
                    impacted.Add(new ImpactedResource(operation, resource));
                }
                break;
            default:
                throw new LuaScriptException($"expect table output from Lua script, not {Describe(result)}");
        }
        return impacted.Select(i => i.Operation == ImpactedOperation.Patch ? i with { Object = RestoreEmptyMaps(i.Object, live) } : i).ToList();
    }

    // AC: cleanReturnedObj / cleanReturnedArray.
    private static JsonObject RestoreEmptyMaps(JsonObject changed, JsonObject original)
    {
        foreach (var (key, old) in original)
        {
            switch (changed[key])
            {
                case JsonObject map when old is JsonObject oldMap:
                    RestoreEmptyMaps(map, oldMap);
                    break;
                case JsonArray { Count: 0 } when old is JsonObject:
                    changed[key] = new JsonObject();
                    break;
                case JsonArray list when old is JsonArray oldList:
                    RestoreEmptyMaps(list, oldList);
                    break;
            }
        }
        return changed;
    }

    private static void RestoreEmptyMaps(JsonArray changed, JsonArray original)
    {
        for (var i = 0; i < changed.Count && i < original.Count; i++)
        {
            if (changed[i] is JsonObject map && original[i] is JsonObject oldMap) RestoreEmptyMaps(map, oldMap);
            else if (changed[i] is JsonArray list && original[i] is JsonArray oldList) RestoreEmptyMaps(list, oldList);
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static ResourceOverrides ReadBuiltinActions()
    {
        using var stream = typeof(ResourceCustomizations).Assembly.GetManifestResourceStream("Keelson.Engine.Customizations.builtin-actions.yaml")
            ?? throw new InvalidOperationException("builtin-actions.yaml is not embedded in Keelson.Engine");
        using var reader = new StreamReader(stream);
        var overrides = ResourceOverrides.Parse(new Dictionary<string, string> { [ResourceOverrides.CustomizationsKey] = reader.ReadToEnd() });
        return overrides.Errors.Count == 0 ? overrides : throw new InvalidOperationException("builtin-actions.yaml: " + string.Join("; ", overrides.Errors));
    }
}
