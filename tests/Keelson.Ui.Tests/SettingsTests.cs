using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>
/// The settings pages (projects, repositories, clusters, accounts), the user-info page and the create-application
/// panel, driven as a user drives them, with what they wrote read back through the API. Each test creates what it
/// changes (its own project, token, repository, application) and removes it at the end; carol's password is put back.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SettingsTests(LabFixture lab)
{
    [Fact]
    public async Task Admin_sees_the_projects_and_production_with_its_destinations_and_roles()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Projects" }).ClickAsync();
        await page.WaitForURLAsync("**/settings/projects");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "default", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "production", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Project production" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Description", new() { Exact = true })).ToHaveValueAsync("Production; synced by operations after review");
        var destinations = page.GetByRole(AriaRole.Table, new() { Name = "Destinations" });
        await Expect(destinations.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(destinations).ToContainTextAsync("guestbook-prod");
        await Expect(destinations).ToContainTextAsync("wordpress-prod");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Roles" }).ClickAsync();
        foreach (var role in new[] { "admins", "developers", "operations" })
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Role {role}", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Policies of operations" }))
            .ToContainTextAsync("p, proj:production:operations, applications, sync, production/*, allow");
        var groups = page.GetByRole(AriaRole.List, new() { Name = "Groups of developers" }).GetByRole(AriaRole.Listitem);
        await Expect(groups).ToHaveCountAsync(1);
        await Expect(groups).ToContainTextAsync("developers");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Admin_creates_a_project_adds_a_sync_window_that_is_stored_and_active_then_deletes_the_project()
    {
        const string name = "ui-settings-windows";
        using var api = await lab.ApiAsync("admin");
        try
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync("/settings/projects");
            await page.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
            var create = page.GetByRole(AriaRole.Dialog, new() { Name = "New project" });
            await create.GetByLabel("Name").FillAsync(name);
            await create.GetByLabel("Description").FillAsync("made by the settings UI test");
            await create.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
            await page.WaitForURLAsync($"**/settings/projects/{name}");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Sync windows" }).ClickAsync();
            await Expect(page.GetByText("No sync windows")).ToBeVisibleAsync();
            // The dialog takes the focus, Escape closes it, and the focus goes back to the button that opened it.
            var add = page.GetByRole(AriaRole.Button, new() { Name = "Add sync window" });
            await add.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add sync window" });
            await Expect(dialog.GetByLabel("Kind")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(add).ToBeFocusedAsync();
            await add.ClickAsync();
            await dialog.GetByLabel("Kind").SelectOptionAsync("deny");
            // Fires every minute and lasts an hour: open whenever the test looks.
            await dialog.GetByLabel("Schedule").FillAsync("* * * * *");
            await dialog.GetByLabel("Duration").FillAsync("1h");
            await dialog.GetByLabel("Applications").FillAsync("guestbook-*, wordpress");
            await dialog.GetByLabel("Allow manual syncs while the window denies").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            var windows = page.GetByRole(AriaRole.Table, new() { Name = "Sync windows" });
            await Expect(windows.GetByTestId("window-state")).ToHaveTextAsync("not saved");
            await Expect(page.GetByText("Unsaved changes")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
            await Expect(windows.GetByTestId("window-state")).ToHaveTextAsync("Active");

            var stored = await GetJsonAsync(api, $"api/v1/projects/{name}");
            var window = stored["spec"]!["syncWindows"]!.AsArray().Single()!;
            Assert.Equal("deny", window["kind"]!.ToString());
            Assert.Equal("* * * * *", window["schedule"]!.ToString());
            Assert.Equal("1h", window["duration"]!.ToString());
            Assert.Equal(["guestbook-*", "wordpress"], window["applications"]!.AsArray().Select(a => a!.ToString()));
            Assert.True(window["manualSync"]!.GetValue<bool>());
            Assert.Equal("made by the settings UI test", stored["spec"]!["description"]!.ToString());

            // Changed meanwhile through the API: saving the stale draft is refused with the server's message, and
            // reading it again shows the change.
            stored["spec"]!["description"] = "changed meanwhile";
            var put = await api.SendAsync(LabFixture.Json(HttpMethod.Put, $"api/v1/projects/{name}", new JsonObject { ["project"] = stored }));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Summary" }).ClickAsync();
            await page.GetByLabel("Description", new() { Exact = true }).FillAsync("stale edit");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("project-error")).ToContainTextAsync($"project {name} was changed meanwhile");
            await page.GetByRole(AriaRole.Button, new() { Name = "Read the project again" }).ClickAsync();
            await Expect(page.GetByLabel("Description", new() { Exact = true })).ToHaveValueAsync("changed meanwhile");
            await Expect(page.GetByTestId("project-error")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Alertdialog, new() { Name = $"Delete project {name}?" });
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.WaitForURLAsync("**/settings/projects");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "production", Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"api/v1/projects/{name}")).StatusCode);
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            await DeleteAsync(api, $"api/v1/projects/{name}");
        }
    }

    [Fact]
    public async Task Admin_generates_a_token_for_alice_shown_once_that_works_until_it_is_revoked()
    {
        var id = $"ui-settings-{Guid.NewGuid():N}"[..24];
        using var api = await lab.ApiAsync("admin");
        try
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync("/settings/accounts");
            // admin has no apiKey capability: it cannot have tokens, and says so.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate token for admin" })).ToBeDisabledAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate token for admin" })).ToHaveAttributeAsync("title", new Regex("no apiKey capability"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Generate token for alice" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New token for alice" });
            await dialog.GetByLabel("Token ID (optional)").FillAsync(id);
            await dialog.GetByLabel("Expires in").FillAsync("1h");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            var shown = dialog.GetByTestId("new-token");
            await Expect(shown).ToHaveValueAsync(new Regex(@"^ey[\w-]+\.[\w-]+\.[\w-]+$"));
            var token = await shown.InputValueAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            // Shown once: gone from the page, and the list names only its id.
            await Expect(page.GetByTestId("new-token")).ToHaveCountAsync(0);
            var tokens = page.GetByRole(AriaRole.List, new() { Name = "Tokens of alice" });
            await Expect(tokens).ToContainTextAsync(id);
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);

            using var bearer = Bearer(token);
            var apps = await bearer.GetAsync("api/v1/applications");
            Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
            Assert.Contains("guestbook-dev", await apps.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke token {id} of alice" }).ClickAsync();
            await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Revoke token {id} of alice" })).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("api/v1/applications")).StatusCode);
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            await DeleteAsync(api, $"api/v1/account/alice/token/{id}");
        }
    }

    [Fact]
    public async Task Bob_sees_the_project_and_account_writes_disabled_with_the_reason()
    {
        await using var ui = await lab.LoggedInAsync("bob");
        var page = ui.Page;
        await page.GotoAsync("/settings/projects");
        var newProject = page.GetByRole(AriaRole.Button, new() { Name = "New project" });
        await Expect(newProject).ToBeDisabledAsync();
        await Expect(newProject).ToHaveAttributeAsync("title", new Regex(@"You may not create projects"));

        await page.GotoAsync("/settings/projects/production");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true });
        await Expect(save).ToBeDisabledAsync();
        await Expect(save).ToHaveAttributeAsync("title", "You may not update projects production (RBAC: projects, update, production)");
        await Expect(delete).ToBeDisabledAsync();
        await Expect(delete).ToHaveAttributeAsync("title", "You may not delete projects production (RBAC: projects, delete, production)");
        // Read only: the lists are shown without their edit controls.
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Destinations" })).ToContainTextAsync("guestbook-prod");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add destination" })).ToHaveCountAsync(0);

        await page.GotoAsync("/settings/accounts");
        var alice = page.GetByRole(AriaRole.Button, new() { Name = "Generate token for alice" });
        await Expect(alice).ToBeDisabledAsync();
        await Expect(alice).ToHaveAttributeAsync("title", "You may not update accounts alice (RBAC: accounts, update, alice)");
        // His own account's tokens are his to manage.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate token for bob" })).ToBeEnabledAsync();
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_repository_added_with_a_password_is_listed_connected_with_its_username_and_never_its_password()
    {
        const string username = "ui-settings-user";
        var password = $"pw-{Guid.NewGuid():N}";
        using var api = await lab.ApiAsync("admin");
        try
        {
            // Nothing is registered at first: the lab's Applications track lab.Repo without a repository Secret.
            var before = await GetJsonAsync(api, "api/v1/repositories");
            Assert.DoesNotContain(before["items"]!.AsArray(), r => r!["repo"]!.ToString() == lab.Repo);

            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync("/settings/repos");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add repository" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add repository" });
            await dialog.GetByLabel("Repository URL").FillAsync(lab.Repo);
            await dialog.GetByLabel("Username").FillAsync(username);
            await dialog.GetByLabel("Password or token").FillAsync(password);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = lab.Repo });
            await Expect(row).ToContainTextAsync(username);
            await Expect(row).ToContainTextAsync("Successful");
            Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
            var listed = await api.GetStringAsync("api/v1/repositories");
            Assert.Contains(username, listed, StringComparison.Ordinal);
            Assert.DoesNotContain(password, listed, StringComparison.Ordinal);

            await page.ReloadAsync();
            await Expect(row).ToContainTextAsync(username);
            Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete repository {lab.Repo}" }).ClickAsync();
            await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            var after = await GetJsonAsync(api, "api/v1/repositories");
            Assert.DoesNotContain(after["items"]!.AsArray(), r => r!["repo"]!.ToString() == lab.Repo);
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            await DeleteAsync(api, $"api/v1/repositories/{Uri.EscapeDataString(lab.Repo)}");
        }
    }

    [Fact]
    public async Task The_clusters_page_shows_in_cluster_connected_with_its_version_and_applications()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/settings/clusters");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "https://kubernetes.default.svc" });
        await Expect(row).ToContainTextAsync("in-cluster");
        await Expect(row).ToContainTextAsync("Successful");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(new Regex(@"^\d+\.\d+"));
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_cluster_added_in_the_UI_is_connected_and_listed_then_deleted_and_the_in_cluster_one_cannot_be()
    {
        // The lab's own cluster under another address (localhost rather than 127.0.0.1), with the kubeconfig's token.
        var kubeconfig = await File.ReadAllTextAsync(lab.Kubeconfig);
        var server = Regex.Match(kubeconfig, @"server: (\S+)").Groups[1].Value.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        var token = Regex.Match(kubeconfig, @"token: (\S+)").Groups[1].Value;
        using var api = await lab.ApiAsync("admin");
        try
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync("/settings/clusters");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete cluster in-cluster" })).ToHaveAttributeAsync("title", "The cluster Keelson runs in cannot be removed");

            await page.GetByRole(AriaRole.Button, new() { Name = "Add cluster" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add cluster" });
            await dialog.GetByLabel("API server URL").FillAsync(server);
            await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("lab-again");
            await dialog.GetByLabel("Skip TLS verification").CheckAsync();
            await dialog.GetByLabel("Bearer token").FillAsync(token);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();

            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = server });
            await Expect(row).ToContainTextAsync("lab-again");
            await Expect(row).ToContainTextAsync("Successful");
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, await api.GetStringAsync("api/v1/clusters"), StringComparison.Ordinal);

            await row.GetByRole(AriaRole.Button, new() { Name = "Delete cluster lab-again" }).ClickAsync();
            await page.GetByRole(AriaRole.Alertdialog, new() { Name = "Delete cluster?" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            Assert.DoesNotContain(server, await api.GetStringAsync("api/v1/clusters"), StringComparison.Ordinal);
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            await DeleteAsync(api, $"api/v1/clusters/{Uri.EscapeDataString(server)}");
        }
    }

    [Fact]
    public async Task The_create_application_form_and_its_yaml_edit_one_application_which_the_server_creates()
    {
        const string name = "ui-settings-app";
        using var api = await lab.ApiAsync("admin");
        try
        {
            await using var ui = await lab.LoggedInAsync("admin");
            var page = ui.Page;
            await page.GotoAsync("/settings/new-application");
            var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "New application" });
            await panel.GetByLabel("Application name").FillAsync("UI_Settings");
            await panel.GetByLabel("Project").SelectOptionAsync("default");
            await panel.GetByLabel("Repository URL").FillAsync(lab.Repo);
            await panel.GetByLabel("Path").FillAsync("examples/guestbook/overlays/dev");
            await panel.GetByLabel("Cluster").SelectOptionAsync("https://kubernetes.default.svc");
            await panel.GetByLabel("Namespace", new() { Exact = true }).FillAsync(name);
            await panel.GetByLabel("Create the namespace (CreateNamespace=true)").CheckAsync();
            // The server refuses the name and says why, next to the form.
            await panel.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
            await Expect(panel.GetByTestId("create-app-error")).ToContainTextAsync("UI_Settings");
            await panel.GetByLabel("Application name").FillAsync(name);

            // The YAML is the same Application; an edit there is seen by the form.
            await panel.GetByRole(AriaRole.Button, new() { Name = "Edit as YAML" }).ClickAsync();
            var yaml = panel.GetByLabel("Application YAML");
            await Expect(yaml).ToHaveValueAsync(new Regex($@"name: {name}[\s\S]*targetRevision: HEAD[\s\S]*- CreateNamespace=true"));
            await yaml.FillAsync((await yaml.InputValueAsync()).Replace("targetRevision: HEAD", "targetRevision: main", StringComparison.Ordinal));
            await panel.GetByRole(AriaRole.Button, new() { Name = "Edit as YAML" }).ClickAsync();
            await Expect(panel.GetByLabel("Revision")).ToHaveValueAsync("main");
            await Expect(panel.GetByLabel("Create the namespace (CreateNamespace=true)")).ToBeCheckedAsync();

            await panel.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
            await page.WaitForURLAsync($"**/applications/argocd/{name}");
            var app = await GetJsonAsync(api, $"api/v1/applications/{name}");
            Assert.Equal("default", app["spec"]!["project"]!.ToString());
            Assert.Equal(lab.Repo, app["spec"]!["source"]!["repoURL"]!.ToString());
            Assert.Equal("main", app["spec"]!["source"]!["targetRevision"]!.ToString());
            Assert.Equal("examples/guestbook/overlays/dev", app["spec"]!["source"]!["path"]!.ToString());
            Assert.Equal(name, app["spec"]!["destination"]!["namespace"]!.ToString());
            Assert.Equal(["CreateNamespace=true"], app["spec"]!["syncPolicy"]!["syncOptions"]!.AsArray().Select(o => o!.ToString()));
            Assert.Null(app["spec"]!["syncPolicy"]!["automated"]);
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            await DeleteAsync(api, $"api/v1/applications/{name}");
        }
    }

    [Fact]
    public async Task Carol_changes_her_password_is_logged_out_and_logs_in_with_the_new_one()
    {
        const string newPassword = "carol-secret-2";
        try
        {
            await using var ui = await lab.LoggedInAsync("carol");
            var page = ui.Page;
            await page.GotoAsync("/user-info");
            await Expect(page.GetByTestId("userinfo-username")).ToHaveTextAsync("carol");
            await Expect(page.GetByText("argocd", new() { Exact = true })).ToBeVisibleAsync();

            await page.GetByLabel("Current password").FillAsync("not-her-password");
            await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
            await page.GetByLabel("Confirm new password").FillAsync(newPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
            await Expect(page.GetByTestId("password-error")).ToContainTextAsync("current password does not match");

            await page.GetByLabel("Current password").FillAsync(LabFixture.PasswordOf("carol"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
            var changed = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Password changed" });
            await Expect(changed).ToContainTextAsync("logged out");
            await changed.GetByRole(AriaRole.Button, new() { Name = "Log in again" }).ClickAsync();
            await page.WaitForURLAsync("**/login?return=%2Fuser-info");

            // The old password no longer works; the new one does, and returns to the user info.
            await page.GetByLabel("Username").FillAsync("carol");
            await page.GetByLabel("Password").FillAsync(LabFixture.PasswordOf("carol"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Invalid username or password");
            await page.GetByLabel("Password").FillAsync(newPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/user-info");
            await Expect(page.GetByTestId("userinfo-username")).ToHaveTextAsync("carol");
            await Expect(page.GetByTestId("whoami")).ToHaveTextAsync("carol");
            ui.AssertNoConsoleErrors();
        }
        finally
        {
            // Back to the lab's password, so that the other tests can log in as carol.
            using var admin = await lab.ApiAsync("admin");
            var body = new JsonObject { ["name"] = "carol", ["currentPassword"] = lab.AdminPassword, ["newPassword"] = LabFixture.PasswordOf("carol") };
            var reset = await admin.SendAsync(LabFixture.Json(HttpMethod.Put, "api/v1/account/password", body));
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }
        // LabFixture.PasswordOf("carol") logs in again (ApiAsync throws otherwise).
        (await lab.ApiAsync("carol")).Dispose();
    }

    [Fact]
    public async Task The_settings_pages_pass_axe_in_both_themes()
    {
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        var pages = new (string Url, string Ready)[]
        {
            ("/settings", "Accounts"), ("/settings/projects/production?tab=summary", "wordpress-prod"), ("/settings/projects/production?tab=roles", "Tokens of operations"),
            ("/settings/projects/production?tab=windows", "Sync windows take effect"), ("/settings/accounts", "carol"), ("/settings/repos", "Add repository"),
            ("/settings/clusters", "in-cluster"), ("/settings/new-application", "Edit as YAML"), ("/user-info", "Change password"),
        };
        var violations = new List<string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            await page.EvaluateAsync($"localStorage.setItem('keelson.theme', '{theme}')");
            foreach (var (url, ready) in pages)
            {
                await page.GotoAsync(url);
                await Expect(page.GetByText(ready).First).ToBeVisibleAsync();
                await Expect(page.Locator($"html[data-theme='{theme}']")).ToHaveCountAsync(1);
                var result = await page.RunAxe();
                violations.AddRange(result.Violations.Select(v => $"{theme} {url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            }
        }
        Assert.True(violations.Count == 0, "axe found:\n" + string.Join("\n", violations));
        ui.AssertNoConsoleErrors();
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>An HttpClient on the lab's server that sends <paramref name="token"/> as its bearer token (no login).</summary>
    private HttpClient Bearer(string token)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var http = new HttpClient(handler) { BaseAddress = lab.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Removes what a test made (a no-op when it is gone already); the CSRF guard wants application/json on a DELETE too.</summary>
    private static Task DeleteAsync(HttpClient api, string path) => LabFixture.DeleteAsync(api, path);
}
