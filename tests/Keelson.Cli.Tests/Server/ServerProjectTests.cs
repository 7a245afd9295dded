using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keelson.Cli.Tests.Server;

/// <summary>`keelson proj …` through the API server: the seed's AppProjects, and a role token that works until it is deleted.</summary>
[Collection(ServerCollection.Name)]
public sealed class ServerProjectTests(ServerFixture fixture)
{
    [Fact]
    public async Task Proj_list_and_get_show_the_seed_s_projects_and_their_roles()
    {
        var bob = fixture.NewHome();
        await bob.LoginAsync("bob");
        var list = await bob.RunAsync("proj", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"NAME\s+DESCRIPTION\s+DESTINATIONS\s+SOURCES", list.Stdout);
        Assert.Matches(@"\ndefault\s+Development and staging environments\s+https://kubernetes.default.svc,\*\s+\*\s+/Namespace\s+<none>", list.Stdout);
        Assert.Matches($@"\nproduction\s+Production; synced by operations after review\s+2 destinations\s+{Regex.Escape(fixture.Repo)}\s+/Namespace\s+<none>", list.Stdout);
        var names = await bob.RunAsync("proj", "list", "-o", "name");
        Assert.Equal(["default", "production"], names.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var get = await bob.RunAsync("proj", "get", "production");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"Name:\s+production", get.Stdout);
        Assert.Matches(@"Destinations:\s+https://kubernetes.default.svc,web-prod, https://kubernetes.default.svc,wordpress-prod\n", get.Stdout);
        Assert.Matches(@"Allowed Cluster Resources:\s+/Namespace\n", get.Stdout);
        Assert.Matches(@"Roles:\s+admins, developers, operations", get.Stdout);
        Assert.Matches(@"Role:\s+operations", get.Stdout);
        Assert.Contains("p, proj:production:operations, applications, sync, production/*, allow", get.Stdout);

        var missing = await bob.RunAsync("proj", "get", "no-such-project");
        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.StartsWith("keelson: ", missing.Stderr);
    }

    [Fact]
    public async Task A_role_token_from_create_token_works_as_auth_token_and_once_deleted_is_refused_with_login_guidance()
    {
        var admin = fixture.NewHome();
        await admin.LoginAsync("admin");
        var bob = fixture.NewHome();
        await bob.LoginAsync("bob");
        var refused = await bob.RunAsync("proj", "role", "create-token", "production", "developers");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("permission denied", refused.Stderr);

        var created = await admin.RunAsync("proj", "role", "create-token", "production", "developers", "--id", "cli-ci", "--expires-in", "1h", "--description", "ci");
        Assert.True(created.ExitCode == 0, created.ToString());
        var token = created.Stdout.Trim();
        Assert.Equal(3, token.Split('.').Length);

        var stranger = fixture.NewHome();
        string[] asRole = ["--server", fixture.Host, "--auth-token", token, "--insecure"];
        var list = await stranger.RunAsync(["app", "list", "-o", "name", .. asRole]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(["web-prod"], list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var sync = await stranger.RunAsync(["app", "sync", "web-prod", .. asRole]);
        Assert.True(sync.ExitCode != 0, sync.ToString());
        Assert.Contains("permission denied: applications, sync, production/web-prod, sub: proj:production:developers", sync.Stderr);

        var project = await admin.RunAsync("proj", "get", "production", "-o", "json");
        Assert.True(project.ExitCode == 0, project.ToString());
        var role = JsonNode.Parse(project.Stdout)!["spec"]!["roles"]!.AsArray().Single(r => r!["name"]!.ToString() == "developers")!;
        var iat = role["jwtTokens"]!.AsArray().Single(t => t!["id"]?.ToString() == "cli-ci")!["iat"]!.GetValue<long>();
        var shown = await admin.RunAsync("proj", "get", "production");
        Assert.Matches($@"Tokens:\s+iat {iat} \(cli-ci\)", shown.Stdout);

        var deleted = await admin.RunAsync("proj", "role", "delete-token", "production", "developers", iat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var after = await stranger.RunAsync(["app", "list", .. asRole]);
        Assert.True(after.ExitCode != 0, after.ToString());
        Assert.Contains($"JWT token for role 'developers' issued at '{iat}' does not exist in project 'production'", after.Stderr);
        Assert.Contains($"run `keelson login {fixture.Host}`", after.Stderr);
        Assert.DoesNotMatch(new Regex(@"iat \d+ \(cli-ci\)"), (await admin.RunAsync("proj", "get", "production")).Stdout);
    }
}
