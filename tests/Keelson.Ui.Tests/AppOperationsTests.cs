using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Keelson.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>
/// What a user does to an application from its header: sync from the sync dialog, read the diff, roll back from
/// the history — on guestbook-prod, which these tests own in the shared lab — and who may press Sync.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AppOperationsTests(LabFixture lab)
{
    private const string Prod = "guestbook-prod";
    private const string ProdOverlay = "examples/guestbook/overlays/prod";
    private const string Frontend = "ghcr.io/keelson-dev/guestbook-frontend";

    [Fact]
    public async Task Prod_is_synced_from_the_sync_dialog_then_a_new_tag_is_synced_and_rolled_back_from_the_history()
    {
        using var api = await lab.ApiAsync("admin");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/{Prod}");

        // The seed leaves prod for a person to sync: OutOfSync, nothing deployed yet.
        await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("OutOfSync");
        await Expect(page.GetByTestId("diff-headline")).ToContainTextAsync("will be created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Diff", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**panel=diff");
        var diff = page.GetByRole(AriaRole.Dialog, new() { Name = $"Diff: {Prod}" });
        await Expect(diff.GetByTestId("diff-summary")).ToContainTextAsync("9 objects will be created:");
        await Expect(diff.GetByTestId("diff-summary")).ToContainTextAsync("Deployment frontend");
        await Expect(diff.GetByTestId("diff-summary")).ToContainTextAsync("HorizontalPodAutoscaler frontend");
        await OwnApps.AssertAccessibleAsync(page, "the diff panel");
        await page.Keyboard.PressAsync("Escape");
        await Expect(diff).ToBeHiddenAsync();

        await SyncFromTheDialogAsync(page);
        var first = await NewestHistoryRevisionAsync(api, Prod, 1);
        await Expect(page.GetByTestId("deployed-revision")).ToContainTextAsync(first[..7]);
        // The commit's metadata: its author is the lab repository's identity.
        await Expect(page.GetByTestId("deployed-revision")).ToContainTextAsync("Keelson Lab");
        await Expect(page.GetByTestId("last-operation")).ToContainTextAsync("by admin");
        await OwnApps.WaitForImageAsync(lab, Prod, $"{Frontend}:1.0.0");

        var tagged = false;
        try
        {
            OwnApps.SetTag(lab, ProdOverlay, "1.0.0", "1.2.0", "prod: frontend 1.2.0");
            tagged = true;
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("OutOfSync", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("diff-headline")).ToContainTextAsync("Deployment frontend: image guestbook-frontend:1.0.0 → 1.2.0");
            await SyncFromTheDialogAsync(page);
            var second = await NewestHistoryRevisionAsync(api, Prod, 2);
            Assert.NotEqual(first, second);
            await Expect(page.GetByTestId("deployed-revision")).ToContainTextAsync(second[..7]);
            await OwnApps.WaitForImageAsync(lab, Prod, $"{Frontend}:1.2.0");

            // Roll back to the first deployment from the history panel; auto-sync is off, so it stays there.
            await page.GetByRole(AriaRole.Button, new() { Name = "History and rollback" }).ClickAsync();
            var history = page.GetByRole(AriaRole.Dialog, new() { Name = $"History: {Prod}" });
            var entries = history.GetByRole(AriaRole.Listitem);
            await Expect(entries).ToHaveCountAsync(2);
            await Expect(entries.First).ToContainTextAsync(second[..7]);
            await Expect(entries.First).ToContainTextAsync("deployed now");
            var oldest = entries.Last;
            await Expect(oldest).ToContainTextAsync(first[..7]);
            await oldest.GetByRole(AriaRole.Button, new() { Name = "Rollback" }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Roll back") });
            await Expect(confirm).ToContainTextAsync("Auto-sync is off");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Roll back", Exact = true }).ClickAsync();
            await Expect(confirm).ToBeHiddenAsync();
            await Expect(history).ToBeHiddenAsync();

            await Expect(page.GetByTestId("deployed-revision")).ToContainTextAsync(first[..7], new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("last-operation")).ToContainTextAsync(new Regex($"Succeeded.* to {first[..7]}"), new() { Timeout = 60_000 });
            // Git still says 1.2.0: the app shows it is behind.
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("OutOfSync");
            await OwnApps.WaitForImageAsync(lab, Prod, $"{Frontend}:1.0.0");
        }
        finally
        {
            // Git back to the first revision's content: prod is then Synced again, as the rollback left it.
            if (tagged) OwnApps.SetTag(lab, ProdOverlay, "1.2.0", "1.0.0", "prod: frontend back to 1.0.0");
        }
        await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Synced", new() { Timeout = 30_000 });
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_developer_sees_Sync_of_prod_disabled_with_the_reason_and_an_operator_may_sync_it()
    {
        await using (var bob = await lab.LoggedInAsync("bob"))
        {
            await bob.Page.GotoAsync($"/applications/argocd/{Prod}");
            var sync = bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true });
            await Expect(sync).ToBeDisabledAsync();
            await Expect(sync).ToHaveAttributeAsync("title", new Regex($"may not sync applications production/{Prod}"));
            await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeDisabledAsync();
            // A deep link to the sync dialog does not get round it.
            await bob.Page.GotoAsync($"/applications/argocd/{Prod}?panel=sync");
            var dialog = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = $"Sync {Prod}" });
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Synchronize" })).ToBeDisabledAsync();
            await Expect(dialog).ToContainTextAsync("may not sync");
            bob.AssertNoConsoleErrors();
        }

        await using var carol = await lab.LoggedInAsync("carol");
        await carol.Page.GotoAsync($"/applications/argocd/{Prod}");
        await Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true })).ToBeEnabledAsync();
        // Operations sync production; deleting it is not theirs.
        await Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeDisabledAsync();
        carol.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_sync_the_server_refuses_shows_its_message_in_the_dialog_and_changes_nothing()
    {
        using var api = await lab.ApiAsync("admin");
        var before = await OwnApps.WaitForAppAsync(api, "guestbook-dev", _ => true, "readable");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev?panel=sync");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Sync guestbook-dev" });
        // dev syncs itself: Argo's API refuses a sync to another revision than the one auto-sync follows.
        await dialog.GetByLabel("Revision").FillAsync("no-such-branch");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Synchronize" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The sync was refused: Cannot sync to no-such-branch: auto-sync currently set to main");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.DoesNotContain("panel=", page.Url, StringComparison.Ordinal);
        var after = await OwnApps.WaitForAppAsync(api, "guestbook-dev", _ => true, "readable");
        Assert.Equal(before["status"]?["operationState"]?["startedAt"]?.ToString(), after["status"]?["operationState"]?["startedAt"]?.ToString());
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Auto_sync_turned_on_in_app_details_makes_a_rollback_ask_to_turn_it_off_and_delete_removes_the_app()
    {
        const string name = "uiops-ops";
        using var api = await lab.ApiAsync("admin");
        await OwnApps.WithNewTagAsync(lab, api, name, async () =>
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync($"/applications/argocd/{name}");
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Manual sync");
            await page.GetByRole(AriaRole.Button, new() { Name = "App details" }).ClickAsync();
            var details = page.GetByRole(AriaRole.Dialog, new() { Name = $"App details: {name}" });
            await details.GetByLabel("Automated sync").CheckAsync();
            await details.GetByRole(AriaRole.Button, new() { Name = "Save sync policy" }).ClickAsync();
            await Expect(details).ToBeHiddenAsync();
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Auto-sync on (prune off, self-heal off)");
            // Auto-sync deploys the new tag by itself.
            await OwnApps.WaitForImageAsync(lab, name, $"{Frontend}:1.1.0");
            await OwnApps.WaitForAppAsync(api, name, a => (a["status"]?["history"] as JsonArray)?.Count >= 2, "a second history entry");

            await page.GetByRole(AriaRole.Button, new() { Name = "History and rollback" }).ClickAsync();
            var history = page.GetByRole(AriaRole.Dialog, new() { Name = $"History: {name}" });
            await Expect(history.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
            await history.GetByRole(AriaRole.Listitem).Last.GetByRole(AriaRole.Button, new() { Name = "Rollback" }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Roll back") });
            await Expect(confirm.GetByTestId("rollback-autosync")).ToContainTextAsync("rollback cannot be initiated when auto-sync is enabled");
            var rollBack = confirm.GetByRole(AriaRole.Button, new() { Name = "Roll back", Exact = true });
            await Expect(rollBack).ToBeDisabledAsync();
            await Expect(rollBack).ToHaveAttributeAsync("title", "Disable auto-sync first");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Disable auto-sync" }).ClickAsync();
            await Expect(confirm).ToContainTextAsync("Auto-sync is off");
            await Expect(rollBack).ToBeEnabledAsync();
            await rollBack.ClickAsync();
            await Expect(history).ToBeHiddenAsync();
            await OwnApps.WaitForImageAsync(lab, name, $"{Frontend}:1.0.0");
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Manual sync");

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            var delete = page.GetByRole(AriaRole.Dialog, new() { Name = $"Delete {name}" });
            var confirmDelete = delete.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true });
            await Expect(confirmDelete).ToBeDisabledAsync();
            await delete.GetByLabel("Background").CheckAsync();
            await delete.GetByLabel($"Type {name} to confirm").FillAsync(name);
            await confirmDelete.ClickAsync();
            await Expect(page.GetByText($"Application {name} was deleted")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            ui.AssertNoConsoleErrors();
        });
    }

    /// <summary>Opens the sync dialog from the header, starts the sync, and waits for Synced and Healthy on screen.</summary>
    private async Task SyncFromTheDialogAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**panel=sync");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Sync {Prod}" });
        // The app's own sync option is carried into the sync's options.
        await Expect(dialog.GetByLabel("Other sync options")).ToHaveValueAsync("CreateNamespace=true");
        await Expect(dialog.GetByLabel("Revision")).ToHaveValueAsync("main");
        await OwnApps.AssertAccessibleAsync(page, "the sync dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Synchronize" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Synced", new() { Timeout = 60_000 });
        try
        {
            await Expect(page.GetByTestId("app-health")).ToContainTextAsync("Healthy", new() { Timeout = 60_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\nthe cluster's pods: {await PodSummaryAsync()}", ex);
        }
    }

    /// <summary>Where the pods are, to tell a full node from a broken sync.</summary>
    private async Task<string> PodSummaryAsync()
    {
        var podType = (await lab.Client.FindAsync("v1", "Pod"))!;
        var (pods, _) = await lab.Client.ListAsync(podType, null, null);
        return $"{pods.Count} in all; " + string.Join(", ", pods.GroupBy(p => $"{p.GetNamespace()}:{p["status"]?["phase"]}").Select(g => $"{g.Key} {g.Count()}"))
            + "; guestbook-prod: " + string.Join("; ", pods.Where(p => p.GetNamespace() == "guestbook-prod")
                .Select(p => $"{p.GetName()} {p["status"]?["phase"]} {p["status"]?["conditions"]?.ToJsonString()} {p["status"]?["containerStatuses"]?.ToJsonString()}"));
    }

    private static async Task<string> NewestHistoryRevisionAsync(HttpClient api, string name, int entries)
    {
        var app = await OwnApps.WaitForAppAsync(api, name, a => (a["status"]?["history"] as JsonArray)?.Count >= entries, $"{entries} history entries");
        var history = app["status"]!["history"]!.AsArray();
        return history.OrderBy(h => h!["id"]!.GetValue<long>()).Last()!["revision"]!.ToString();
    }
}

/// <summary>
/// Applications of a test's own, beside the lab's three: an overlay of its own in lab.Repo (a copy of dev's), an
/// Application tracking it, and commits that change its image tag.
/// </summary>
internal static class OwnApps
{
    public static void Git(LabFixture lab, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-C", lab.Repo }.Concat(args)) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({git.ExitCode}): {error}{output.Result}");
    }

    /// <summary>Copies examples/guestbook/overlays/dev to overlays/<paramref name="name"/> (namespace and instance <paramref name="name"/>) and commits it.</summary>
    public static string AddOverlay(LabFixture lab, string name)
    {
        var from = Path.Combine(lab.Repo, "examples", "guestbook", "overlays", "dev");
        var relative = $"examples/guestbook/overlays/{name}";
        var to = Path.Combine(lab.Repo, relative);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.WriteAllText(Path.Combine(to, Path.GetFileName(file)), File.ReadAllText(file).Replace("guestbook-dev", name, StringComparison.Ordinal));
        Git(lab, "add", relative);
        Git(lab, "commit", "-m", $"{name}: a copy of the dev overlay");
        return relative;
    }

    public static void RemoveOverlay(LabFixture lab, string relative)
    {
        Git(lab, "rm", "-r", "-q", relative);
        Git(lab, "commit", "-m", $"remove {relative}");
    }

    /// <summary>
    /// An Application of the test's own (overlay <paramref name="name"/>, namespace <paramref name="name"/>) synced once
    /// at frontend 1.0.0, then a commit of 1.1.0 to its overlay; <paramref name="test"/> runs, and the Application and
    /// its overlay are removed whatever happens.
    /// </summary>
    public static async Task WithNewTagAsync(LabFixture lab, HttpClient api, string name, Func<Task> test)
    {
        var overlay = AddOverlay(lab, name);
        try
        {
            await CreateAsync(lab, api, name, overlay);
            await SyncAsync(api, name);
            await WaitForAppAsync(api, name, IsSynced, "Synced with a history entry");
            SetTag(lab, overlay, "1.0.0", "1.1.0", $"{name}: frontend 1.1.0");
            await test();
        }
        finally
        {
            await DeleteAsync(api, name);
            RemoveOverlay(lab, overlay);
        }
    }

    /// <summary>Changes the overlay's frontend newTag and commits it (the lab follows the commit at once).</summary>
    public static void SetTag(LabFixture lab, string overlay, string from, string to, string message)
    {
        var file = Path.Combine(lab.Repo, overlay, "kustomization.yaml");
        var text = File.ReadAllText(file);
        Assert.Contains($"newTag: {from}", text);
        File.WriteAllText(file, text.Replace($"newTag: {from}", $"newTag: {to}", StringComparison.Ordinal));
        Git(lab, "commit", "-am", message);
    }

    /// <summary>Creates a manual-sync Application in project default tracking <paramref name="path"/> of lab.Repo into namespace <paramref name="name"/>, and waits until it is compared.</summary>
    public static async Task CreateAsync(LabFixture lab, HttpClient api, string name, string path)
    {
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["project"] = "default",
                ["source"] = new JsonObject { ["repoURL"] = lab.Repo, ["path"] = path, ["targetRevision"] = "main" },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = name },
                ["syncPolicy"] = new JsonObject { ["syncOptions"] = new JsonArray("CreateNamespace=true") },
            },
        };
        var created = await api.SendAsync(LabFixture.Json(HttpMethod.Post, "api/v1/applications", body));
        Assert.True(created.IsSuccessStatusCode, $"creating {name}: {await created.Content.ReadAsStringAsync()}");
        // The server answers from its cache, which follows the write a moment later: wait until the engine has compared it.
        await WaitForAppAsync(api, name, a => a["status"]?["sync"]?["status"] is not null, "a sync status");
    }

    public static async Task SyncAsync(HttpClient api, string name)
    {
        var synced = await api.SendAsync(LabFixture.Json(HttpMethod.Post, $"api/v1/applications/{name}/sync", new JsonObject()));
        Assert.True(synced.IsSuccessStatusCode, $"syncing {name}: {await synced.Content.ReadAsStringAsync()}");
    }

    /// <summary>Deletes the Application (its resources in the foreground) if it is still there; a test's clean-up, so it never throws.</summary>
    public static async Task DeleteAsync(HttpClient api, string name)
    {
        try
        {
            await LabFixture.DeleteAsync(api, $"api/v1/applications/{name}?cascade=true");
        }
        catch (HttpRequestException)
        {
        }
    }

    public static async Task<JsonObject> WaitForAppAsync(HttpClient api, string name, Func<JsonObject, bool> condition, string what, int seconds = 60)
    {
        var deadline = Stopwatch.StartNew();
        JsonObject? app = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var response = await api.GetAsync($"api/v1/applications/{name}");
            if (response.IsSuccessStatusCode)
            {
                app = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                if (condition(app)) return app;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{name} did not reach {what} within {seconds}s; last seen status: {app?["status"]?.ToJsonString()}");
    }

    /// <summary>Fails with axe-core's serious and critical findings on the page as it is (labels, names, contrast, roles).</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: " + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }

    public static bool IsSynced(JsonObject app) => app["status"]?["sync"]?["status"]?.ToString() == "Synced" && app["status"]?["history"] is JsonArray { Count: > 0 };

    /// <summary>Waits until the namespace's frontend Deployment runs <paramref name="image"/>.</summary>
    public static async Task WaitForImageAsync(LabFixture lab, string ns, string image)
    {
        var deadline = Stopwatch.StartNew();
        string? seen = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var deployment = await lab.Client.GetAsync("apps/v1", "Deployment", ns, "frontend");
            seen = deployment?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.ToString();
            if (seen == image) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Deployment {ns}/frontend did not run {image} within 60s (it runs {seen ?? "nothing"})");
    }
}
