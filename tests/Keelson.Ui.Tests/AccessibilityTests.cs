using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Keelson.Ui.Tests;

/// <summary>axe-core on the main pages, in both themes: no critical or serious violation.</summary>
[Collection(LabCollection.Name)]
public sealed class AccessibilityTests(LabFixture lab)
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            foreach (var path in new[] { "/applications", "/applications?view=table", "/applications/argocd/guestbook-dev", "/settings", "/user-info" })
                data.Add(path, theme);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_critical_or_serious_accessibility_violation(string path, string theme)
    {
        await using var ui = await lab.LoggedInAsync("admin");
        await ui.Page.EvaluateAsync($"() => localStorage.setItem('keelson.theme', '{theme}')");
        await ui.Page.GotoAsync(path);
        await ui.Page.Locator("main h1").First.WaitForAsync();
        await AssertAccessibleAsync(ui.Page);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_login_page_has_no_critical_or_serious_accessibility_violation()
    {
        await using var ui = await lab.NewPageAsync();
        await ui.Page.GotoAsync("/login");
        await ui.Page.GetByLabel("Username").WaitForAsync();
        await AssertAccessibleAsync(ui.Page);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe ran and checked something
        var bad = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}"))}")));
    }
}
