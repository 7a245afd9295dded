using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>The resource drawer: deep links, the live manifest, events and logs, actions and delete, and RBAC on them.</summary>
[Collection(LabCollection.Name)]
public sealed partial class ResourceDrawerTests(LabFixture lab)
{
    private const string FrontendNode = "apps%2FDeployment%2Fguestbook-dev%2Ffrontend";

    /// <summary>The frontend image the dev overlay deploys: the base's image with the overlay's newTag.</summary>
    private string DevImage()
    {
        var overlay = File.ReadAllText(Path.Combine(lab.Repo, "examples", "guestbook", "overlays", "dev", "kustomization.yaml"));
        return "ghcr.io/keelson-dev/guestbook-frontend:" + NewTag().Match(overlay).Groups[1].Value;
    }

    [GeneratedRegex(@"newTag:\s*(\S+)")]
    private static partial Regex NewTag();

    /// <summary>The drawer (a confirmation is a dialog too, inside it, with no tabs).</summary>
    private static ILocator Drawer(IPage page) => page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByRole(AriaRole.Tablist) });

    private static ILocator Panel(IPage page) => Drawer(page).GetByRole(AriaRole.Tabpanel);

    private static ILocator Tab(IPage page, string name) => Drawer(page).GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_deep_link_in_the_list_view_opens_the_drawer_at_that_resource_and_Escape_closes_it()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/guestbook-dev?view=list&node={FrontendNode}");

        var drawer = Drawer(page);
        await Expect(drawer.GetByRole(AriaRole.Heading, new() { Name = "frontend" })).ToBeVisibleAsync();
        await Expect(drawer).ToContainTextAsync("Deployment · guestbook-dev");
        await Expect(Tab(page, "Summary")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(drawer).ToContainTextAsync(DevImage());
        // The labels come from the live object.
        await Expect(drawer.GetByRole(AriaRole.Row, new() { Name = "app.kubernetes.io/instance guestbook-dev" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.Keyboard.PressAsync("Escape");

        await Expect(drawer).ToBeHiddenAsync();
        await page.WaitForURLAsync("**/applications/argocd/guestbook-dev?view=list");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_live_manifest_tab_shows_the_Deployment_as_YAML_with_the_overlays_image()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deployment frontend" }).ClickAsync();

        await Tab(page, "Live manifest").ClickAsync();

        await page.WaitForURLAsync($"**/applications/argocd/guestbook-dev?node={FrontendNode}&tab=live");
        var yaml = Panel(page);
        await Expect(yaml).ToContainTextAsync("kind: Deployment");
        await Expect(yaml).ToContainTextAsync("image: " + DevImage());
        await Expect(yaml).Not.ToContainTextAsync("managedFields");

        // The desired manifest is the one rendered from Git, and it does not differ.
        await Tab(page, "Desired manifest").ClickAsync();
        await Expect(Panel(page)).ToContainTextAsync("image: " + DevImage());
        await Tab(page, "Diff").ClickAsync();
        await Expect(Drawer(page).GetByRole(AriaRole.Status).Filter(new() { HasText = "No differences" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_pods_drawer_shows_its_events_and_its_simulated_log()
    {
        var pod = (await ResourceLab.PodOfAsync(lab, "guestbook-dev", "frontend")).Name();
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Pod {pod}" }).ClickAsync();

        await Tab(page, "Events").ClickAsync();
        await Expect(Drawer(page).GetByRole(AriaRole.Table)).ToContainTextAsync($"Successfully assigned guestbook-dev/{pod}");

        await Tab(page, "Logs").ClickAsync();
        var logs = Drawer(page).GetByLabel("Log lines");
        await Expect(logs).ToContainTextAsync($"simulated container frontend, image {DevImage()}");
        await Expect(logs).ToContainTextAsync("started at");
        await Expect(logs).ToContainTextAsync("ready at");
        await Expect(Drawer(page).GetByLabel("Container")).ToHaveValueAsync("frontend");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Restart_from_the_drawer_stamps_the_Deployments_pod_template_after_a_confirmation()
    {
        await using var own = await ResourceLab.CreateAppAsync(lab, "ui-drawer-restart");
        var deployments = (await lab.Client.FindAsync("apps/v1", "Deployment"))!;
        Assert.Null((await lab.Client.GetAsync(deployments, own.Name, "frontend"))!["spec"]!["template"]!["metadata"]!["annotations"]?["kubectl.kubernetes.io/restartedAt"]);
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/{own.Name}?node=apps%2FDeployment%2F{own.Name}%2Ffrontend&tab=actions");

        await Drawer(page).GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Restart Deployment frontend?" });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();

        await Expect(Drawer(page).GetByRole(AriaRole.Status).Filter(new() { HasText = "Restart ran on Deployment frontend." })).ToBeVisibleAsync();
        await Expect(confirm).ToBeHiddenAsync();
        var restartedAt = (await lab.Client.GetAsync(deployments, own.Name, "frontend"))!["spec"]!["template"]!["metadata"]!["annotations"]?["kubectl.kubernetes.io/restartedAt"]?.ToString();
        Assert.False(string.IsNullOrEmpty(restartedAt), "the restart action did not annotate the pod template");
        Assert.True(DateTimeOffset.TryParse(restartedAt, System.Globalization.CultureInfo.InvariantCulture, out var at) && DateTimeOffset.UtcNow - at < TimeSpan.FromMinutes(5), $"restartedAt {restartedAt} is not now");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Deleting_a_pod_from_the_drawer_after_typing_its_name_replaces_it_in_the_tree_live()
    {
        await using var own = await ResourceLab.CreateAppAsync(lab, "ui-drawer-delete");
        var pod = (await ResourceLab.PodOfAsync(lab, own.Name, "frontend")).Name();
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/{own.Name}");
        var tree = page.GetByRole(AriaRole.Region, new() { Name = "Resource tree" });
        await tree.GetByRole(AriaRole.Button, new() { Name = $"Pod {pod}" }).ClickAsync();
        await Tab(page, "Delete").ClickAsync();
        await Drawer(page).GetByLabel("Background").CheckAsync();
        await Drawer(page).GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();

        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Delete Pod {pod}?" });
        var delete = confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true });
        await Expect(delete).ToBeDisabledAsync();
        await confirm.GetByLabel("Type").FillAsync(pod[..^1]);
        await Expect(delete).ToBeDisabledAsync();
        await confirm.GetByLabel("Type").FillAsync(pod);
        await delete.ClickAsync();

        // The drawer closes; the ReplicaSet makes a new pod, and the open tree follows.
        await Expect(Drawer(page)).ToBeHiddenAsync();
        await Expect(tree.Locator($"[data-kind=Pod][data-name='{pod}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var replacement = tree.Locator($"[data-testid=resource-node][data-kind=Pod][data-name^='frontend-']:not([data-name='{pod}'])");
        await Expect(replacement).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(replacement).ToContainTextAsync("Healthy", new() { Timeout = 30_000 });
        Assert.DoesNotContain(await ResourceLab.ListAsync(lab, "v1", "Pod", own.Name), p => p.Name() == pod);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_developer_sees_actions_and_delete_disabled_with_the_reason_but_may_read_the_logs()
    {
        await using var ui = await lab.LoggedInAsync("bob");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/guestbook-dev?node={FrontendNode}&tab=actions");

        var restart = Drawer(page).GetByRole(AriaRole.Button, new() { Name = "Restart" });
        await Expect(restart).ToBeDisabledAsync();
        await Expect(restart).ToHaveAttributeAsync("title", new Regex("You may not action/apps/Deployment/restart applications default/guestbook-dev"));
        await Tab(page, "Delete").ClickAsync();
        var delete = Drawer(page).GetByRole(AriaRole.Button, new() { Name = "Delete…" });
        await Expect(delete).ToBeDisabledAsync();
        await Expect(delete).ToHaveAttributeAsync("title", new Regex("You may not delete/apps/Deployment/guestbook-dev/frontend"));
        await Expect(Tab(page, "Logs")).ToBeEnabledAsync();
        ui.AssertNoConsoleErrors();
    }
}
