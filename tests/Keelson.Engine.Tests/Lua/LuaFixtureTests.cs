using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Health;
using Keelson.Engine.Lua;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Tests.Lua;

/// <summary>
/// Each folder under testdata/lua/ is one case: <c>argocd-cm.yaml</c> (the ConfigMap whose customizations apply),
/// <c>object.yaml</c> (the live object) and <c>expected.yaml</c>, which says what should come of it, in any of:
/// <code>
/// health: {status: Degraded, message: "…"}   # or "health: none" when no script applies
/// actions: [{name: resume, disabled: true}]  # what discovery.lua offers, by name
/// run:                                        # running one action
///   action: resume
///   params: {replicas: "3"}
///   error: "…"                                # the script's failure, or:
///   impacted: [{operation: patch, patch: {…}}, {operation: create, resource: {…}}]
/// </code>
/// A patch is compared as the merge patch from the live object to what the action returned. Scripts read a clock
/// stopped at 2025-03-04T05:06:07Z.
/// </summary>
public sealed class LuaFixtureTests : IDisposable
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "lua");

    private readonly LuaHost _host = new(time: FixedTime.Fixtures);

    public static TheoryData<string> Cases() => new(Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gives_what_expected_yaml_says(string name)
    {
        var (customizations, live, expected) = Load(name);
        var before = live.ToJsonString();
        Assert.True(expected.Count > 0, $"{name}: expected.yaml says nothing");
        Assert.Empty(customizations.Overrides.Errors);

        if (expected.ContainsKey("health")) CheckHealth(name, customizations, live, expected["health"]);
        if (expected["actions"] is JsonArray actions) CheckActions(name, customizations, live, actions);
        if (expected["run"] is JsonObject run) CheckRun(name, customizations, live, run);

        Assert.Equal(before, live.ToJsonString());
    }

    private static void CheckHealth(string name, ResourceCustomizations customizations, JsonObject live, JsonNode? expected)
    {
        var health = HealthRules.Assess(live, customizations);
        if (expected is JsonValue none && none.ToString() == "none")
        {
            Assert.True(health is null, $"{name}: expected no health, got {health}");
            return;
        }
        Assert.True(health is not null, $"{name}: expected a health, got none");
        Assert.Equal(expected!["status"]!.ToString(), health.Status.ToArgoString());
        Assert.Equal(expected["message"]?.ToString(), health.Message);
    }

    private static void CheckActions(string name, ResourceCustomizations customizations, JsonObject live, JsonArray expected)
    {
        var gvk = live.GetGroupVersionKind();
        Assert.True(customizations.HasActions(gvk.Group, gvk.Kind), $"{name}: there are no actions for {gvk.Kind}");
        var found = new JsonArray(customizations.DiscoverActions(live).Select(a =>
        {
            var item = new JsonObject { ["name"] = a.Name, ["disabled"] = a.Disabled };
            if (a.IconClass is not null) item["iconClass"] = a.IconClass;
            if (a.DisplayName is not null) item["displayName"] = a.DisplayName;
            if (a.Params is { Count: > 0 }) item["params"] = new JsonArray(a.Params.Select(p => (JsonNode)p).ToArray());
            return (JsonNode)item;
        }).ToArray());
        foreach (var item in expected.OfType<JsonObject>()) item["disabled"] ??= false;
        Assert.Equal(Canonical(expected), Canonical(found));
    }

    private static void CheckRun(string name, ResourceCustomizations customizations, JsonObject live, JsonObject run)
    {
        var gvk = live.GetGroupVersionKind();
        var actionName = run["action"]!.ToString();
        var definition = customizations.FindAction(gvk.Group, gvk.Kind, actionName);
        Assert.True(definition is not null, $"{name}: there is no action {actionName} for {gvk.Kind}");
        var parameters = (run["params"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
        if (run["error"] is { } error)
        {
            var failure = Assert.Throws<LuaScriptException>(() => customizations.RunAction(live, definition.ActionLua, parameters));
            Assert.Equal(error.ToString(), failure.Message);
            return;
        }
        var impacted = customizations.RunAction(live, definition.ActionLua, parameters);
        var found = new JsonArray(impacted.Select(i => (JsonNode)(i.Operation == ImpactedOperation.Patch
            ? new JsonObject { ["operation"] = "patch", ["patch"] = MergePatch.Create(live, i.Object)?.DeepClone() }
            : new JsonObject { ["operation"] = "create", ["resource"] = i.Object.DeepClone() })).ToArray());
        Assert.Equal(Canonical(run["impacted"]), Canonical(found));
    }

    private (ResourceCustomizations, JsonObject, JsonObject) Load(string name)
    {
        var folder = Path.Combine(Root, name);
        var configMap = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(folder, "argocd-cm.yaml"))).Single()!;
        var data = (configMap["data"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
        var live = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(folder, "object.yaml"))).Single()!;
        var expected = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(folder, "expected.yaml"))).Single()!;
        return (ResourceCustomizations.FromConfigMapData(data, _host), live, expected);
    }

    // Key order does not matter in what an action returns (Go writes maps in key order; so does the host).
    private static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };

    public void Dispose() => _host.Dispose();
}
