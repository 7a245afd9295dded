using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>AppProject roles turned into runtime policy, and their validation as Argo CD's API validates them.</summary>
public sealed class ProjectPolicyTests
{
    private static ProjectPolicy Parse(string yaml) => ProjectPolicy.FromAppProject((JsonObject)YamlDocuments.Parse(yaml).Single()!);

    [Fact]
    public void Each_role_adds_project_get_its_policies_and_its_groups()
    {
        var project = Parse("""
            metadata: {name: default}
            spec:
              roles:
                - name: developers
                  policies: ["p, proj:default:developers, applications, sync, default/*, allow"]
                  groups: [developers, "\"my-org:a,b\""]
            """);
        Assert.Equal(
            """
            p, proj:default:developers, projects, get, default, allow
            p, proj:default:developers, applications, sync, default/*, allow
            g, developers, proj:default:developers
            g, "my-org:a,b", proj:default:developers
            """.ReplaceLineEndings("\n"),
            project.RuntimeCsv);
        Assert.Empty(project.Validate());
        var enforcer = new RbacEnforcer(RbacPolicy.Empty, [project]);
        Assert.True(enforcer.EnforceClaims(RbacClaims.WithGroups("u", "my-org:a,b"), RbacRequest.Application(RbacAction.Sync, "default/app")).Allowed);
    }

    [Fact]
    public void Role_policies_must_be_the_role_s_own_inside_the_project()
    {
        var project = Parse("""
            metadata: {name: team}
            spec:
              roles:
                - name: ci
                  policies:
                    - p, proj:team:ci, applications, sync, team/*, allow
                    - p, proj:team:ci, applications, sync, team/ns/app, allow
                    - p, proj:team:ci, applications, update/*, team/*, allow
                    - p, proj:other:ci, applications, get, team/*, allow
                    - p, proj:team:ci, projects, get, team, allow
                    - p, proj:team:ci, applications, invoke, team/*, allow
                    - p, proj:team:ci, applications, get, other/*, allow
                    - p, proj:team:ci, applications, get, team/a/b/c, allow
                    - p, proj:team:ci, applications, get, team/*, permit
                    - g, someone, proj:team:ci
                    - p, proj:team:ci, applications, sync, team/*, allow
                  groups: [ci, ci, "a,b", ""]
                - name: -bad
                - name: ci
            """);
        Assert.Equal(
            [
                "role 'ci': policy 'p, proj:other:ci, applications, get, team/*, allow': the subject must be 'proj:team:ci', not 'proj:other:ci'",
                "role 'ci': policy 'p, proj:team:ci, projects, get, team, allow': the resource must be one of applications, applicationsets, repositories, exec, logs, clusters, not 'projects'",
                "role 'ci': policy 'p, proj:team:ci, applications, invoke, team/*, allow': 'invoke' is not an action",
                "role 'ci': policy 'p, proj:team:ci, applications, get, other/*, allow': the object must be team/*, team/<app> or team/<namespace>/<app>, not 'other/*'",
                "role 'ci': policy 'p, proj:team:ci, applications, get, team/a/b/c, allow': the object must be team/*, team/<app> or team/<namespace>/<app>, not 'team/a/b/c'",
                "role 'ci': policy 'p, proj:team:ci, applications, get, team/*, permit': the effect must be allow or deny, not 'permit'",
                "role 'ci': policy 'g, someone, proj:team:ci': a project policy has the form 'p, sub, res, act, obj, eft'",
                "role 'ci': policy 'p, proj:team:ci, applications, sync, team/*, allow' is listed more than once",
                "role 'ci': group 'ci' is listed more than once",
                "role 'ci': group 'a,b' holds a comma and must be quoted",
                "role 'ci': group '' is empty",
                "role '-bad': a role name is letters, digits, '-' and '_', starting and ending with a letter or digit",
                "role 'ci' is defined more than once",
            ],
            project.Validate());
    }

    [Fact]
    public void A_project_policy_line_that_does_not_parse_drops_the_project_s_policy()
    {
        var project = Parse("""
            metadata: {name: team}
            spec:
              roles:
                - name: ci
                  policies: ["p, proj:team:ci, applications, sync, team/*, allow", "p, proj:team:ci, applications, get, \"team/*, allow"]
                  groups: [team-ci]
            """);
        var enforcer = new RbacEnforcer(RbacPolicy.Empty, [project]);
        Assert.False(enforcer.EnforceClaims(RbacClaims.WithGroups("u", "team-ci"), RbacRequest.Application(RbacAction.Sync, "team/app")).Allowed);
    }

    [Fact]
    public void Tokens_are_found_by_id_then_by_issued_at_in_spec_and_status()
    {
        var project = Parse("""
            metadata: {name: team}
            spec:
              roles:
                - name: ci
                  jwtTokens: [{iat: 100}, {iat: "200", id: two}]
            status:
              jwtTokensByRole:
                ci: {items: [{iat: 300, exp: 400, id: three}]}
            """);
        Assert.True(project.HasToken("ci", 100, null));
        Assert.True(project.HasToken("ci", 100, "unknown-id"));
        Assert.True(project.HasToken("ci", null, "two"));
        Assert.True(project.HasToken("ci", 999, "three"));
        Assert.False(project.HasToken("ci", 999, "four"));
        Assert.False(project.HasToken("ci", null, null));
        Assert.False(project.HasToken("other", 100, null));
        Assert.Equal(new ProjectToken(300, 400, "three"), project.Roles[0].JwtTokens[^1]);
    }

    [Theory]
    [InlineData("proj:team:ci", true, "team", "ci")]
    [InlineData("proj:team", false, "", "")]
    [InlineData("proj:a:b:c", false, "", "")]
    [InlineData("project:team:ci", false, "", "")]
    public void Project_subjects_are_proj_project_role(string subject, bool ok, string project, string role)
    {
        Assert.Equal(ok, ProjectPolicy.TryParseSubject(subject, out var p, out var r));
        Assert.Equal((project, role), (p, r));
    }
}
