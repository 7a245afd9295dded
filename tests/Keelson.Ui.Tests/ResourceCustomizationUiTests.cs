using System.Text.Json.Nodes;
using Keelson.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>
/// An argocd-cm health script seen in the UI: an app whose custom resources (a Widget CRD installed by hand) the
/// user's Lua script judges Degraded shows Degraded in the applications list, as the API reports it. The test takes
/// the app and the script away again, so the lab is left as the other tests expect it.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ResourceCustomizationUiTests(LabFixture lab)
{
    private const string App = "widgets";

    [Fact]
    public async Task An_app_whose_custom_resources_a_user_s_Lua_script_judges_Degraded_shows_Degraded_in_the_list()
    {
        using var api = await lab.ApiAsync("admin");
        var configMaps = (await lab.Client.FindAsync("v1", "ConfigMap"))!;
        var repoUrl = JsonNode.Parse(await api.GetStringAsync("api/v1/applications/guestbook-dev"))!["spec"]!["source"]!["repoURL"]!.ToString();
        await lab.Client.ApplyManifestsAsync(Widgets.Crd, "test", "widgets-crd");
        await lab.Client.MergePatchAsync(configMaps, "argocd", "argocd-cm", new JsonObject { ["data"] = new JsonObject { [Widgets.HealthKey] = Widgets.HealthScript } });
        Directory.CreateDirectory(Path.Combine(lab.Repo, "widgets"));
        await File.WriteAllTextAsync(Path.Combine(lab.Repo, "widgets", "widget.yaml"), Widgets.OverQuota);
        await GitRepo.RunAsync(lab.Repo, "add", "widgets");
        await GitRepo.RunAsync(lab.Repo, "commit", "-qm", "widgets: one Widget over its quota");
        try
        {
            await lab.Client.ApplyManifestsAsync($$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: {{App}}
                  namespace: argocd
                spec:
                  project: default
                  source: {repoURL: "{{repoUrl}}", targetRevision: HEAD, path: widgets}
                  destination: {server: https://kubernetes.default.svc, namespace: widgets}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    syncOptions: [CreateNamespace=true]
                """, "test", App);

            await using var ui = await lab.LoggedInAsync("admin");
            var tile = ui.Page.Locator($"[data-app='{App}']");
            await Expect(tile.Locator("[data-health]")).ToHaveAttributeAsync("data-health", "Degraded", new() { Timeout = 60_000 });
            var app = JsonNode.Parse(await api.GetStringAsync($"api/v1/applications/{App}"))!;
            Assert.Equal("Degraded", app["status"]!["health"]!["status"]!.ToString());
            var widget = app["status"]!["resources"]!.AsArray().Single(r => r!["kind"]!.ToString() == "Widget")!;
            Assert.Equal("size 12 is over the quota of 10", widget["health"]!["message"]!.ToString());
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            var applications = (await lab.Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;
            await lab.Client.DeleteAsync(applications, "argocd", App, "Background");
            await lab.Client.MergePatchAsync(configMaps, "argocd", "argocd-cm", new JsonObject { ["data"] = new JsonObject { [Widgets.HealthKey] = null } });
            await GitRepo.RunAsync(lab.Repo, "rm", "-rq", "widgets");
            await GitRepo.RunAsync(lab.Repo, "commit", "-qm", "widgets: removed");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await lab.Client.GetAsync(applications, "argocd", App) is not null && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(200);
        }
    }
}
