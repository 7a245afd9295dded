using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>
/// The seed's RBAC table (admins full access to both projects; developers sync in default, read-only in production;
/// operations sync in production) holds for the examples as they are: examples/argocd-apps/argocd-rbac-cm.yaml,
/// argocd-cm.yaml (the local accounts), projects.yaml (the project roles) and the guestbook Applications.
/// </summary>
public sealed class SeedRbacMatrixTests
{
    // Y: allowed, N: denied. "action" is a resource action (action/apps/Deployment/restart).
    internal const string Matrix = """
        group        application      get  sync  update  delete  override  action
        admins       guestbook-dev     Y    Y     Y       Y       Y         Y
        admins       guestbook-prod    Y    Y     Y       Y       Y         Y
        developers   guestbook-dev     Y    Y     N       N       N         N
        developers   guestbook-prod    Y    N     N       N       N         N
        operations   guestbook-dev     Y    N     N       N       N         N
        operations   guestbook-prod    Y    Y     N       N       N         N
        """;

    private static readonly string Examples = Path.Combine(RbacFixture.RepositoryRoot, "examples", "argocd-apps");

    private static RbacEnforcer SeedEnforcer()
    {
        var rbac = RbacPolicy.Parse(RbacFixture.ReadObject(Path.Combine(Examples, "argocd-rbac-cm.yaml")));
        Assert.True(rbac.IsValid, rbac.ErrorMessage);
        Assert.Empty(rbac.Warnings);
        var projects = RbacFixture.ReadObjects(Path.Combine(Examples, "projects.yaml")).Select(ProjectPolicy.FromAppProject).ToList();
        foreach (var project in projects) Assert.Empty(project.Validate());
        return new RbacEnforcer(rbac.Policy!, projects);
    }

    /// <summary>The RBAC object of an example Application: &lt;project&gt;/&lt;name&gt;.</summary>
    private static string ApplicationObject(string name)
    {
        var app = RbacFixture.ReadObject(Path.Combine(Examples, $"{name}.yaml"));
        return RbacRequest.ApplicationObject(app.GetPath("spec", "project")!.ToString(), app.GetName()!);
    }

    /// <summary>The local accounts of argocd-cm and the group each is bound to in argocd-rbac-cm.</summary>
    private static Dictionary<string, string> AccountGroups()
    {
        var cm = RbacPolicy.ConfigMapData(RbacFixture.ReadObject(Path.Combine(Examples, "argocd-cm.yaml")));
        var rbac = RbacPolicy.Parse(RbacFixture.ReadObject(Path.Combine(Examples, "argocd-rbac-cm.yaml"))).Policy!;
        var accounts = cm.Where(e => e.Key.StartsWith("accounts.", StringComparison.Ordinal) && e.Key.Count(c => c == '.') == 1).ToList();
        Assert.All(accounts, a => Assert.Equal("apiKey, login", a.Value));
        return accounts.Select(a => a.Key["accounts.".Length..])
            .ToDictionary(account => account, account => rbac.Bindings.Single(b => b.Member == account).Role, StringComparer.Ordinal);
    }

    internal static IEnumerable<(string Group, string App, string Action, bool Allowed)> Expectations()
    {
        var lines = Matrix.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var actions = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
        foreach (var line in lines[1..])
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < actions.Length; i++) yield return (cells[0], cells[1], actions[i], cells[i + 2] == "Y");
        }
    }

    private static RbacRequest Request(string action, string app) => action == "action"
        ? RbacRequest.ResourceAction(ApplicationObject(app), "apps", "Deployment", "restart")
        : RbacRequest.Application(Enum.Parse<RbacAction>(action, ignoreCase: true), ApplicationObject(app));

    [Fact]
    public void The_matrix_covers_the_three_groups_both_projects_and_six_actions()
    {
        var cells = Expectations().ToList();
        Assert.Equal(36, cells.Count);
        Assert.Equal(["admins", "developers", "operations"], cells.Select(c => c.Group).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["default", "production"], cells.Select(c => ApplicationObject(c.App).Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_SSO_user_in_each_group_gets_exactly_the_seed_table()
    {
        var enforcer = SeedEnforcer();
        var wrong = Expectations()
            .Where(e => enforcer.EnforceClaims(RbacClaims.WithGroups($"sso-{e.Group}", e.Group), Request(e.Action, e.App)).Allowed != e.Allowed)
            .Select(e => $"{e.Group} {e.Action} {e.App}: expected {(e.Allowed ? "Y" : "N")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Each_local_account_of_argocd_cm_gets_the_table_of_its_group()
    {
        var enforcer = SeedEnforcer();
        var accounts = AccountGroups();
        Assert.Equal(["admins", "developers", "operations"], accounts.Values.Order(StringComparer.Ordinal));
        var wrong = new List<string>();
        foreach (var (account, group) in accounts)
        {
            foreach (var e in Expectations().Where(e => e.Group == group))
            {
                var decision = enforcer.EnforceClaims(new RbacClaims(account), Request(e.Action, e.App));
                if (decision.Allowed != e.Allowed) wrong.Add($"{account} ({group}) {e.Action} {e.App}: expected {(e.Allowed ? "Y" : "N")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Someone_in_no_group_may_only_read()
    {
        var enforcer = SeedEnforcer();
        var nobody = new RbacClaims("nobody");
        Assert.True(enforcer.EnforceClaims(nobody, Request("get", "guestbook-prod")).Allowed);
        Assert.Equal(
            "permission denied: applications, sync, default/guestbook-dev, sub: nobody",
            enforcer.EnforceClaims(nobody, Request("sync", "guestbook-dev")).DenialMessage);
    }

    [Fact]
    public void Developers_may_sync_only_through_the_project_role_when_the_global_role_is_removed()
    {
        // The AppProject's role grants what the global role:developer does: either alone gives the table.
        var rbac = RbacPolicy.Parse(RbacFixture.ReadObject(Path.Combine(Examples, "argocd-rbac-cm.yaml"))).Policy!;
        var withoutGlobal = rbac with { Bindings = rbac.Bindings.Where(b => b.Role != "role:developer").ToList() };
        var projects = RbacFixture.ReadObjects(Path.Combine(Examples, "projects.yaml")).Select(ProjectPolicy.FromAppProject);
        var enforcer = new RbacEnforcer(withoutGlobal, projects);
        var developer = RbacClaims.WithGroups("sso-dev", "developers");
        Assert.True(enforcer.EnforceClaims(developer, Request("sync", "guestbook-dev")).Allowed);
        Assert.False(enforcer.EnforceClaims(developer, Request("sync", "guestbook-prod")).Allowed);
        Assert.False(enforcer.WithProjects([]).EnforceClaims(developer, Request("sync", "guestbook-dev")).Allowed);
    }
}
