using System.Text.Json.Nodes;
using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

public sealed class RbacEnforcerTests
{
    private static RbacPolicy Csv(string csv)
    {
        var result = RbacPolicy.ParseCsv(csv);
        Assert.True(result.IsValid, result.ErrorMessage);
        return result.Policy!;
    }

    private static ProjectPolicy Project(string yaml) => ProjectPolicy.FromAppProject((JsonObject)Keelson.Resources.Serialization.YamlDocuments.Parse(yaml).Single()!);

    private const string TeamProject = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team, namespace: argocd}
        spec:
          roles:
            - name: ci
              policies: ["p, proj:team:ci, applications, sync, team/*, allow"]
              groups: [team-ci]
              jwtTokens: [{iat: 1700000000, id: ci-1}]
        """;

    [Fact]
    public void The_denial_names_the_request_and_the_subject_as_Argo_CD_does()
    {
        var enforcer = new RbacEnforcer(RbacPolicy.Empty);
        var request = RbacRequest.Application(RbacAction.Sync, RbacRequest.ApplicationObject("default", "guestbook-dev"));
        var decision = enforcer.EnforceClaims(new RbacClaims("alice"), request);
        Assert.False(decision.Allowed);
        Assert.Equal("permission denied: applications, sync, default/guestbook-dev, sub: alice", decision.DenialMessage);
        Assert.Equal("permission denied: applications, sync, default/guestbook-dev", enforcer.EnforceClaims(new RbacClaims(""), request).DenialMessage);
        Assert.Null(enforcer.EnforceClaims(new RbacClaims("admin"), request).DenialMessage);
    }

    [Fact]
    public void Application_objects_name_the_namespace_only_outside_the_control_namespace()
    {
        Assert.Equal("default/guestbook", RbacRequest.ApplicationObject("default", "guestbook"));
        Assert.Equal("default/guestbook", RbacRequest.ApplicationObject("default", "guestbook", "argocd", "argocd"));
        Assert.Equal("default/team-a/guestbook", RbacRequest.ApplicationObject("default", "guestbook", "team-a", "argocd"));
        Assert.Equal(new RbacRequest("applications", "update//ConfigMap/ns/settings", "p/app"), RbacRequest.ApplicationResource(RbacAction.Update, "p/app", "", "ConfigMap", "ns", "settings"));
        Assert.Equal(new RbacRequest("applications", "action/apps/Deployment/restart", "p/app"), RbacRequest.ResourceAction("p/app", "apps", "Deployment", "restart"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RbacRequest.ApplicationResource(RbacAction.Sync, "p/app", "", "Pod", "ns", "x"));
    }

    [Fact]
    public void Claims_are_read_from_a_JWT_payload_as_Argo_CD_reads_them()
    {
        var claims = RbacClaims.FromJwtPayload(JsonNode.Parse("""
            {"sub": "Cgdqb2huZG9lEgRtb2Nr", "federated_claims": {"connector_id": "github", "user_id": "johndoe"},
             "groups": ["my-org:team", 7], "email": "john@example.com", "iat": 1700000000, "jti": "abc", "exp": 1800000000}
            """)!.AsObject());
        Assert.Equal("johndoe", claims.Subject);
        Assert.Equal(["my-org:team"], claims.Values["groups"]);
        Assert.Equal(1700000000, claims.IssuedAt);
        Assert.Equal("abc", claims.Id);
        Assert.Equal(["my-org:team", "john@example.com"], claims.ScopeValues(["groups", "email", "missing"]));
        Assert.Equal("alice", RbacClaims.FromJwtPayload(JsonNode.Parse("""{"sub": "alice"}""")!.AsObject()).Subject);
    }

    [Fact]
    public void Members_of_a_project_role_may_get_the_project_without_any_default_role()
    {
        var enforcer = new RbacEnforcer(RbacPolicy.Empty, [Project(TeamProject)]);
        var get = new RbacRequest(RbacResource.Projects, RbacAction.Get, "team");
        Assert.True(enforcer.EnforceClaims(RbacClaims.WithGroups("someone", "team-ci"), get).Allowed);
        Assert.True(enforcer.EnforceProjectToken(new RbacClaims("proj:team:ci") { Id = "ci-1" }, get).Allowed);
        Assert.False(enforcer.EnforceClaims(new RbacClaims("someone"), get).Allowed);
        Assert.False(enforcer.EnforceClaims(RbacClaims.WithGroups("someone", "team-ci"), new RbacRequest(RbacResource.Projects, RbacAction.Update, "team")).Allowed);
    }

    [Fact]
    public void Revoking_a_token_takes_effect_in_the_enforcer_built_for_the_changed_project()
    {
        var sync = RbacRequest.Application(RbacAction.Sync, "team/web");
        var token = new RbacClaims("proj:team:ci") { Id = "ci-1", IssuedAt = 1700000000 };
        var enforcer = new RbacEnforcer(RbacPolicy.Empty, [Project(TeamProject)]);
        Assert.True(enforcer.EnforceClaims(token, sync).Allowed);

        var revoked = enforcer.WithProjects([Project(TeamProject.Replace("jwtTokens: [{iat: 1700000000, id: ci-1}]", "jwtTokens: []", StringComparison.Ordinal))]);

        Assert.False(revoked.EnforceClaims(token, sync).Allowed);
        Assert.Equal("permission denied: applications, sync, team/web, sub: proj:team:ci", revoked.EnforceProjectToken(token, sync).DenialMessage);
        Assert.True(enforcer.EnforceClaims(token, sync).Allowed);
        Assert.True(revoked.EnforceClaims(RbacClaims.WithGroups("someone", "team-ci"), sync).Allowed);
    }

    [Fact]
    public void A_new_policy_version_answers_anew_while_the_old_enforcer_keeps_its_answers()
    {
        var request = RbacRequest.Application(RbacAction.Sync, "default/web");
        var v1 = new RbacEnforcer(Csv("p, alice, applications, sync, default/*, allow"));
        Assert.True(v1.Enforce("alice", request));
        var v2 = v1.WithPolicy(Csv("p, alice, applications, sync, default/*, deny"));
        Assert.False(v2.Enforce("alice", request));
        Assert.True(v1.Enforce("alice", request));
    }

    [Fact]
    public void The_built_in_policy_can_be_left_out()
    {
        var request = RbacRequest.Application(RbacAction.Delete, "default/web");
        Assert.True(new RbacEnforcer(RbacPolicy.Empty).Enforce("admin", request));
        Assert.False(new RbacEnforcer(RbacPolicy.Empty, options: new RbacEnforcerOptions { UseBuiltinPolicy = false }).Enforce("admin", request));
    }

    [Fact]
    public void A_subject_alone_is_checked_against_the_global_policy_without_project_roles()
    {
        var enforcer = new RbacEnforcer(RbacPolicy.Empty, [Project(TeamProject)]);
        Assert.False(enforcer.Enforce("team-ci", RbacRequest.Application(RbacAction.Sync, "team/web")));
        Assert.True(enforcer.EnforceClaims(RbacClaims.WithGroups("u", "team-ci"), RbacRequest.Application(RbacAction.Sync, "team/web")).Allowed);
    }

    [Fact]
    public void Argo_CD_settings_read_Go_booleans_and_keep_the_defaults_otherwise()
    {
        static RbacEnforcerOptions Read(string key, string value) => RbacEnforcerOptions.FromArgoCdConfigMap(new Dictionary<string, string> { [key] = value });
        Assert.True(RbacEnforcerOptions.FromArgoCdConfigMap(new Dictionary<string, string>()).DisableApplicationFineGrainedRbacInheritance);
        Assert.False(Read(RbacEnforcerOptions.FineGrainedInheritanceKey, "false").DisableApplicationFineGrainedRbacInheritance);
        Assert.False(Read(RbacEnforcerOptions.FineGrainedInheritanceKey, "F").DisableApplicationFineGrainedRbacInheritance);
        Assert.True(Read(RbacEnforcerOptions.FineGrainedInheritanceKey, "no").DisableApplicationFineGrainedRbacInheritance);
        Assert.Equal(RbacAction.Sync, RbacEnforcerOptions.Default.RollbackAction);
        Assert.Equal(RbacAction.Rollback, Read(RbacEnforcerOptions.RollbackEnforceKey, "true").RollbackAction);
    }

    [Fact]
    public void Many_applications_are_checked_from_cache_after_the_first_list()
    {
        var enforcer = new RbacEnforcer(Csv("p, role:dev, applications, get, default/*, allow\ng, developers, role:dev") with { DefaultRole = "role:none" });
        var claims = RbacClaims.WithGroups("u", "developers", "qa", "ops");
        var requests = Enumerable.Range(0, 1000).Select(i => RbacRequest.Application(RbacAction.Get, $"{(i % 2 == 0 ? "default" : "production")}/app-{i}")).ToList();
        var first = requests.Count(r => enforcer.EnforceClaims(claims, r).Allowed);
        var second = requests.Count(r => enforcer.EnforceClaims(claims, r).Allowed);
        Assert.Equal(500, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Concurrent_questions_get_the_same_answers()
    {
        var enforcer = new RbacEnforcer(Csv("p, alice, applications, sync, default/*, allow"));
        var answers = new System.Collections.Concurrent.ConcurrentBag<bool>();
        Parallel.For(0, 2000, i => answers.Add(enforcer.Enforce("alice", RbacRequest.Application(RbacAction.Sync, $"default/app-{i % 50}"))));
        Assert.All(answers, Assert.True);
    }
}
