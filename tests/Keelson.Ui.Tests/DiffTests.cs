using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>The diff panel (?panel=diff) and the header's diff line, on an Application of the test's own.</summary>
[Collection(LabCollection.Name)]
public sealed class DiffTests(LabFixture lab)
{
    [Fact]
    public async Task A_new_image_tag_in_Git_reads_as_image_old_to_new_in_both_layouts_and_a_sync_of_just_that_object_deploys_it()
    {
        const string name = "uiops-diff";
        using var api = await lab.ApiAsync("admin");
        await OwnApps.WithNewTagAsync(lab, api, name, async () =>
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync($"/applications/argocd/{name}?panel=diff");
            var diff = page.GetByRole(AriaRole.Dialog, new() { Name = $"Diff: {name}" });
            const string summary = "1 object will change: Deployment frontend: image guestbook-frontend:1.0.0 → 1.1.0.";
            await Expect(diff.GetByTestId("diff-summary")).ToHaveTextAsync(summary, new() { Timeout = 30_000 });

            var frontend = diff.GetByRole(AriaRole.Region, new() { Name = "Deployment frontend" });
            await Expect(frontend).ToContainTextAsync("will change");
            await Expect(frontend).ToContainTextAsync("spec.template.spec.containers[0].image");
            await Expect(frontend.Locator("tr.diff-del")).ToHaveCountAsync(1);
            await Expect(frontend.Locator("tr.diff-del")).ToContainTextAsync("guestbook-frontend:1.0.0");
            await Expect(frontend.Locator("tr.diff-add")).ToHaveCountAsync(1);
            await Expect(frontend.Locator("tr.diff-add")).ToContainTextAsync("guestbook-frontend:1.1.0");

            await diff.GetByRole(AriaRole.Button, new() { Name = "Side by side" }).ClickAsync();
            await Expect(diff.GetByRole(AriaRole.Button, new() { Name = "Side by side" })).ToHaveAttributeAsync("aria-pressed", "true");
            // The changed line sits beside its new version, the differing characters marked.
            var row = frontend.Locator("tr", new() { Has = page.Locator("td.diff-del") });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td.diff-del.ops-diff-text")).ToContainTextAsync("guestbook-frontend:1.0.0");
            await Expect(row.Locator("td.diff-add.ops-diff-text")).ToContainTextAsync("guestbook-frontend:1.1.0");
            await Expect(row.Locator("td.diff-add mark")).Not.ToHaveCountAsync(0);
            await OwnApps.AssertAccessibleAsync(page, "the side-by-side diff");
            await Screenshots.SaveAsync(page, "diff");

            var same = diff.GetByRole(AriaRole.Region, new() { Name = "Objects with no difference" });
            await Expect(same).ToContainTextAsync("Service frontend");
            await Expect(same).ToContainTextAsync("Namespace uiops-diff");

            await page.Keyboard.PressAsync("Escape");
            await Expect(diff).ToBeHiddenAsync();
            await Expect(page.GetByTestId("diff-headline")).ToContainTextAsync(summary);

            // A sync of the one object that changes: the dialog sends just it as the sync's resources.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Sync {name}" });
            await dialog.GetByRole(AriaRole.Button, new() { Name = "None" }).ClickAsync();
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Synchronize" })).ToBeDisabledAsync();
            await Expect(dialog).ToContainTextAsync("Choose at least one resource to sync.");
            await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Deployment frontend" }).CheckAsync();
            await Expect(dialog.GetByText("Resources (1 of 8)")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "sync-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Synchronize" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("app-sync")).ToContainTextAsync("Synced", new() { Timeout = 60_000 });
            await OwnApps.WaitForImageAsync(lab, name, "ghcr.io/keelson-dev/guestbook-frontend:1.1.0");
            var app = await OwnApps.WaitForAppAsync(api, name, a => a["status"]?["operationState"]?["phase"]?.ToString() == "Succeeded", "a finished sync");
            var resources = app["status"]!["operationState"]!["operation"]!["sync"]!["resources"]!.AsArray();
            Assert.Equal("Deployment/frontend", Assert.Single(resources)!["kind"] + "/" + resources[0]!["name"]);
            ui.AssertNoConsoleErrors();
        });
    }
}
