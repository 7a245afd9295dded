using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>The diff panel (?panel=diff) and the header's diff line, on an Application of the test's own.</summary>
[Collection(LabCollection.Name)]
public sealed class DiffTests(LabFixture lab)
{
    [Fact]
    public async Task A_new_image_tag_in_Git_reads_as_image_old_to_new_and_shows_as_changed_lines_in_both_layouts()
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

            var same = diff.GetByRole(AriaRole.Region, new() { Name = "Objects with no difference" });
            await Expect(same).ToContainTextAsync("Service frontend");
            await Expect(same).ToContainTextAsync("Namespace uiops-diff");

            await page.Keyboard.PressAsync("Escape");
            await Expect(diff).ToBeHiddenAsync();
            await Expect(page.GetByTestId("diff-headline")).ToContainTextAsync(summary);
            ui.AssertNoConsoleErrors();
        });
    }
}
