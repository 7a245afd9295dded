using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>argocd-cm's resource customizations, read by the controller from the control namespace while it runs.</summary>
public sealed class ResourceCustomizationTests
{
    private const string TwoWidgets = Widgets.OverQuota + """

        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: payments
        spec:
          size: 2
          quota: 10
          memory: 1024Mi
        """;

    private static readonly string HealthAndIgnore = ArgocdCm($$"""
        {{Widgets.HealthKey}}: |
        {{Indent(Widgets.HealthScript, "  ")}}
        resource.customizations.ignoreDifferences.example.com_Widget: |
          jsonPointers:
          - /spec/quota
        """);

    // The control namespace's argocd-cm with these data keys.
    private static string ArgocdCm(string data) =>
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n" + Indent(data, "  ");

    private static string Indent(string text, string by) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : by + l));

    // The harness with the Widget CRD and two Widgets in Git, deployed by the automated Application "widgets".
    private static async Task<EngineHarness> StartWithWidgetsAsync()
    {
        var h = await EngineHarness.StartAsync(repo =>
        {
            Directory.CreateDirectory(Path.Combine(repo, "widgets"));
            File.WriteAllText(Path.Combine(repo, "widgets", "crd.yaml"), Widgets.Crd);
            File.WriteAllText(Path.Combine(repo, "widgets", "widgets.yaml"), TwoWidgets);
        });
        await h.ApplyAsync(h.Application("widgets", "widgets", "widgets", SampleApp.Automated));
        return h;
    }

    [Fact]
    public async Task An_app_whose_custom_resources_a_user_s_Lua_script_judges_Degraded_is_Degraded_and_follows_argocd_cm_as_it_changes()
    {
        await using var h = await StartWithWidgetsAsync();
        // Without a script a Widget has no health, and the app is Healthy.
        await h.WaitForAppAsync("widgets", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");

        await h.ApplyAsync(HealthAndIgnore);
        var app = await h.WaitForAppAsync("widgets", a => EngineHarness.Health(a) == "Degraded", "Degraded by the script", seconds: 20);
        var resources = app.GetPath("status", "resources")!.AsArray().OfType<JsonObject>().Where(r => r["kind"]!.ToString() == "Widget").ToDictionary(r => r["name"]!.ToString());
        Assert.Equal("""{"status":"Degraded","message":"size 12 is over the quota of 10"}""", resources["orders"]["health"]!.ToJsonString());
        Assert.Equal("""{"status":"Healthy","message":"within quota"}""", resources["payments"]["health"]!.ToJsonString());

        // argocd-cm's ignoreDifferences for the kind: a quota raised by hand is not drift, so selfHeal leaves it.
        var widgetType = (await h.Client.FindAsync("example.com/v1", "Widget"))!;
        await h.Client.MergePatchAsync(widgetType, "widgets", "orders", new JsonObject { ["spec"] = new JsonObject { ["quota"] = 20 } });
        app = await h.WaitForAppAsync("widgets", a => EngineHarness.Health(a) == "Healthy", "Healthy once the quota is raised", seconds: 20);
        Assert.Equal("Synced", EngineHarness.Sync(app));
        Assert.Equal(20, (await h.GetAsync("example.com/v1", "Widget", "widgets", "orders"))!.GetPath("spec", "quota")!.GetValue<int>());

        // A script that fails makes the objects Unknown, with the error, and the app with them.
        await h.Client.MergePatchAsync((await h.Client.FindAsync("v1", "ConfigMap"))!, "argocd", "argocd-cm", new JsonObject
        {
            ["data"] = new JsonObject { ["resource.customizations.health.example.com_Widget"] = "return {status = obj.status.phase}" },
        });
        app = await h.WaitForAppAsync("widgets", a => EngineHarness.Health(a) == "Unknown", "Unknown from the failing script", seconds: 20);
        var orders = app.GetPath("status", "resources")!.AsArray().OfType<JsonObject>().Single(r => r["name"]!.ToString() == "orders");
        Assert.Equal("<string>:1: attempt to index a nil value (field 'status')", orders.GetPath("health", "message")!.ToString());
    }

    [Fact]
    public async Task Kinds_argocd_cm_excludes_are_neither_synced_nor_pruned_and_the_app_says_so()
    {
        await using var h = await StartWithWidgetsAsync();
        await h.WaitForAppAsync("widgets", a => EngineHarness.Sync(a) == "Synced", "Synced");
        Assert.NotNull(await h.GetAsync("example.com/v1", "Widget", "widgets", "orders"));

        // Excluded now: the Widgets already there stay (no prune), the app stops managing them, and says why.
        await h.ApplyAsync(ArgocdCm("""
            resource.exclusions: |
              - apiGroups: ["*.com"]
                kinds: [Widget]
                clusters: ["*"]
            """));
        var app = await h.WaitForAppAsync("widgets", a => EngineHarness.Conditions(a).Contains("ExcludedResourceWarning", StringComparison.Ordinal), "warned of the excluded Widgets", seconds: 20);
        Assert.Equal("ExcludedResourceWarning: Resource example.com/Widget orders is excluded in the settings; Resource example.com/Widget payments is excluded in the settings",
            EngineHarness.Conditions(app));
        Assert.Equal("Synced", EngineHarness.Sync(app));
        Assert.DoesNotContain(app.GetPath("status", "resources")!.AsArray().OfType<JsonObject>(), r => r["kind"]!.ToString() == "Widget");
        Assert.NotNull(await h.GetAsync("example.com/v1", "Widget", "widgets", "orders"));
    }

    [Fact]
    public async Task A_known_type_field_rewritten_by_a_controller_in_its_canonical_form_is_not_drift()
    {
        await using var h = await StartWithWidgetsAsync();
        await h.ApplyAsync(ArgocdCm("""
            resource.customizations.knownTypeFields.example.com_Widget: |
              - field: spec.memory
                type: core/Quantity
            """));
        await h.WaitForAppAsync("widgets", a => EngineHarness.Sync(a) == "Synced", "Synced");

        // As a Widget controller would: the same quantity, written as Kubernetes writes it. Not a difference, so not healed.
        var widgetType = (await h.Client.FindAsync("example.com/v1", "Widget"))!;
        await h.Client.MergePatchAsync(widgetType, "widgets", "payments", new JsonObject { ["spec"] = new JsonObject { ["memory"] = "1Gi" } });
        h.Controller.Refresh("widgets");
        await Task.Delay(2000);
        Assert.Equal("Synced", EngineHarness.Sync((await h.GetAppAsync("widgets"))!));
        Assert.Equal("1Gi", (await h.GetAsync("example.com/v1", "Widget", "widgets", "payments"))!.GetPath("spec", "memory")!.ToString());

        // Another value is drift, and selfHeal puts Git's back.
        await h.Client.MergePatchAsync(widgetType, "widgets", "payments", new JsonObject { ["spec"] = new JsonObject { ["memory"] = "2Gi" } });
        await h.WaitForAsync("example.com/v1", "Widget", "widgets", "payments", w => w?.GetPath("spec", "memory")?.ToString() == "1024Mi", "healed back to 1024Mi", seconds: 20);
    }
}
