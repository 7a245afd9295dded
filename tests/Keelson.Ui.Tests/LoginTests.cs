using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

[Collection(LabCollection.Name)]
public sealed class LoginTests(LabFixture lab)
{
    [Fact]
    public async Task A_wrong_password_says_so_and_the_right_one_opens_the_applications_then_logout_returns_to_login()
    {
        await using var ui = await lab.NewPageAsync();
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");
        await page.WaitForURLAsync("**/login?return=*");
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Invalid username or password");

        await page.GetByLabel("Password").FillAsync(lab.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The deep link survives the detour through the login page.
        await page.WaitForURLAsync("**/applications/argocd/guestbook-dev");
        await Expect(page.GetByTestId("whoami")).ToHaveTextAsync("admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/login?return=%2Fapplications%2Fargocd%2Fguestbook-dev");
        await page.GotoAsync("/applications");
        await page.WaitForURLAsync("**/login?return=*");
        ui.AssertNoConsoleErrors();
    }
}
