using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>The applications list: the lab's three apps with their statuses, live updates, filters, views, RBAC.</summary>
[Collection(LabCollection.Name)]
public sealed class ApplicationListTests(LabFixture lab)
{
    private static readonly string[] Guestbook = ["guestbook-dev", "guestbook-staging", "guestbook-prod"];

    [Fact]
    public async Task The_list_shows_the_three_guestbook_apps_with_the_statuses_the_API_reports()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        using var api = await lab.ApiAsync("admin");
        foreach (var name in Guestbook)
        {
            var app = JsonNode.Parse(await api.GetStringAsync($"api/v1/applications/{name}"))!;
            var tile = ui.Page.Locator($"[data-app='{name}']");
            await Expect(tile.Locator("[data-health]")).ToHaveAttributeAsync("data-health", app["status"]!["health"]!["status"]!.ToString());
            await Expect(tile.Locator("[data-sync]")).ToHaveAttributeAsync("data-sync", app["status"]!["sync"]!["status"]!.ToString());
            await Expect(tile).ToContainTextAsync(app["spec"]!["project"]!.ToString());
        }
        await Screenshots.SaveAsync(ui.Page, "applications");
        // Other test classes add apps of their own to the shared lab; the search narrows to the seed's.
        await ui.Page.GetByLabel("Search applications").FillAsync("guestbook-");
        await Expect(ui.Page.GetByTestId("counts")).ToContainTextAsync("3 of");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_commit_to_the_dev_overlay_shows_dev_OutOfSync_and_then_Synced_at_the_new_commit_without_a_reload()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        var dev = page.Locator("[data-app='guestbook-dev']");
        await Expect(dev.Locator("[data-sync]")).ToHaveAttributeAsync("data-sync", "Synced");
        // Every sync status the tile shows from now on, in order (the OutOfSync moment may be short: auto-sync follows).
        await page.EvaluateAsync("""
            () => {
              window.__syncSeen = [];
              const record = () => {
                const badge = document.querySelector("[data-app='guestbook-dev'] [data-sync]");
                const s = badge && badge.getAttribute('data-sync');
                if (s && window.__syncSeen[window.__syncSeen.length - 1] !== s) window.__syncSeen.push(s);
              };
              new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
              record();
            }
            """);
        var tag = await CurrentTagAsync("examples/guestbook/overlays/dev") == "1.1.0" ? "1.0.0" : "1.1.0";
        var sha = await GitRepo.SetTagAsync(lab.Repo, "examples/guestbook/overlays/dev", tag);

        await Expect(dev.Locator("code[title]")).ToHaveAttributeAsync("title", sha, new() { Timeout = 30_000 });
        await Expect(dev.Locator("[data-sync]")).ToHaveAttributeAsync("data-sync", "Synced");
        var seen = await page.EvaluateAsync<string[]>("() => window.__syncSeen");
        Assert.True(seen.Length >= 3 && seen[0] == "Synced" && seen[^1] == "Synced" && seen.Contains("OutOfSync"), "sync states shown: " + string.Join(" → ", seen));
        ui.AssertNoConsoleErrors();
    }

    private async Task<string> CurrentTagAsync(string overlay)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(lab.Repo, overlay, "kustomization.yaml"));
        return System.Text.RegularExpressions.Regex.Match(text, @"newTag: (\S+)").Groups[1].Value;
    }

    [Fact]
    public async Task Search_and_filters_narrow_the_list_and_live_in_the_URL_so_a_deep_link_reopens_them()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        // Other test classes add apps of their own to the shared lab; searches keep to the seed's three.
        await page.GetByLabel("Search applications").FillAsync("guestbook-stag");
        await Expect(page.Locator("[data-app]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-app='guestbook-staging']")).ToBeVisibleAsync();
        await page.GetByLabel("Search applications").FillAsync("guestbook-");
        await Expect(page.Locator("[data-app]")).ToHaveCountAsync(3);

        var projects = page.Locator("fieldset[data-facet='proj']");
        await Expect(projects.Locator("label", new() { HasText = "production" })).ToContainTextAsync("1");
        await Expect(projects.Locator("label", new() { HasText = "default" })).ToContainTextAsync("2");
        await projects.Locator("label", new() { HasText = "production" }).Locator("input").CheckAsync();
        await Expect(page.Locator("[data-app]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-app='guestbook-prod']")).ToBeVisibleAsync();
        Assert.Contains("proj=production", page.Url, StringComparison.Ordinal);

        await using var again = await lab.LoggedInAsync("admin");
        await again.Page.GotoAsync("/applications?proj=default&view=table&search=guestbook-");
        await Expect(again.Page.GetByTestId("apps-table")).ToBeVisibleAsync();
        await Expect(again.Page.Locator("[role=row][data-app]")).ToHaveCountAsync(2);
        await Expect(again.Page.Locator("[data-app='guestbook-prod']")).ToHaveCountAsync(0);
        ui.AssertNoConsoleErrors();
        again.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_favourite_stays_one_after_a_reload_and_favourites_only_shows_just_it()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Add guestbook-staging to favourites" }).ClickAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove guestbook-staging from favourites" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByLabel("Favourites only").CheckAsync();
        await Expect(page.Locator("[data-app]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-app='guestbook-staging']")).ToBeVisibleAsync();
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_developer_sees_Sync_disabled_on_the_production_app_with_the_reason_and_enabled_on_dev()
    {
        await using var ui = await lab.LoggedInAsync("bob");
        var page = ui.Page;
        var prodSync = page.GetByRole(AriaRole.Button, new() { Name = "Sync guestbook-prod" });
        await Expect(prodSync).ToBeDisabledAsync();
        await Expect(prodSync).ToHaveAttributeAsync("title", "You may not sync applications production/guestbook-prod (RBAC: applications, sync, production/guestbook-prod)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sync guestbook-dev" })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete guestbook-dev" })).ToBeDisabledAsync();
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task New_app_opens_the_create_form_over_the_list_with_a_deep_link_and_Cancel_closes_it()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "New app" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New application" });
        await Expect(form).ToBeVisibleAsync();
        Assert.Contains("new=1", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        Assert.DoesNotContain("new=1", page.Url, StringComparison.Ordinal);
        ui.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData("/applications")]
    [InlineData("/applications?view=table")]
    [InlineData("/applications/argocd/guestbook-dev")]
    [InlineData("/settings/projects/production")]
    public async Task At_a_phone_s_width_the_page_does_not_scroll_sideways(string path)
    {
        await using var ui = await lab.LoggedInAsync("admin", 375, 740);
        await ui.Page.GotoAsync(path);
        await ui.Page.Locator("main h1").First.WaitForAsync();
        // Wide content (the table, the tree) scrolls inside its own box; the page itself fits the screen.
        var width = await ui.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{path} is {width} px wide at a 375 px screen");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Refresh_selected_refreshes_each_chosen_app_and_says_so()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GetByLabel("Select guestbook-dev").CheckAsync();
        await page.GetByLabel("Select guestbook-staging").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh selected" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Refresh started for 2 applications");
        ui.AssertNoConsoleErrors();
    }
}
