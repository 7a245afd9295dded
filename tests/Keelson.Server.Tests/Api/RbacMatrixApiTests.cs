using System.Net;
using System.Text.Json.Nodes;
using Keelson.Server.Tests.Rbac;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// The seed's RBAC table (<see cref="SeedRbacMatrixTests.Matrix"/>) over real HTTPS: each of the seed's local accounts
/// (alice in admins, bob in developers, carol in operations) calls the endpoint of each action on a manual app in
/// <c>default</c> and on one in <c>production</c>. A denial is a 403 whose message names resource, action, object and
/// subject; an allowed call gets past RBAC (any answer but 403), and each call is made so that it changes little.
/// </summary>
public sealed class RbacMatrixApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private static readonly Dictionary<string, string> AccountOf = new(StringComparer.Ordinal)
    {
        ["admins"] = "alice",
        ["developers"] = "bob",
        ["operations"] = "carol",
    };

    [Fact]
    public async Task Each_account_gets_exactly_the_seed_table_from_the_server()
    {
        // The matrix's guestbook-dev is a manual app in default (web-dev is automated: a sync to another revision is
        // refused before override is asked); guestbook-prod is the harness's web-prod.
        await harness.Client.ApplyManifestsAsync(harness.App("matrix-dev", "default", "apps/web/overlays/dev", "matrix-dev", SampleApp.Manual), "test", "matrix-dev");
        var apps = new Dictionary<string, (string Name, string Project, string Namespace)>(StringComparer.Ordinal)
        {
            ["guestbook-dev"] = ("matrix-dev", "default", "matrix-dev"),
            ["guestbook-prod"] = ("web-prod", "production", "web-prod"),
        };
        await harness.WaitForAsync("matrix-dev", a => a["status"]?["sync"]?["status"] is not null, "compared");

        var wrong = new List<string>();
        foreach (var (group, matrixApp, action, allowed) in SeedRbacMatrixTests.Expectations())
        {
            var account = AccountOf[group];
            var (name, project, ns) = apps[matrixApp];
            using var http = harness.As(account);
            var response = await CallAsync(http, action, name, ns);
            var body = await response.Content.ReadAsStringAsync();
            var verb = action == "action" ? "action/apps/Deployment/restart" : action;
            if (allowed && response.StatusCode == HttpStatusCode.Forbidden)
                wrong.Add($"{account} ({group}) {action} {name}: expected allowed, got 403 {body}");
            else if (!allowed)
            {
                var message = response.StatusCode == HttpStatusCode.Forbidden ? JsonNode.Parse(body)!["message"]!.ToString() : "";
                // Override is asked after sync, as in Argo CD: who may not sync is told so.
                var verbs = action == "override" ? new[] { "override", "sync" } : [verb];
                if (!verbs.Any(v => message.StartsWith($"permission denied: applications, {v}, {project}/{name}, sub: {account}", StringComparison.Ordinal)))
                    wrong.Add($"{account} ({group}) {action} {name}: expected a denial naming applications, {verb}, {project}/{name}; got {(int)response.StatusCode} {body}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_list_shows_every_app_to_readers_but_a_caller_without_a_session_gets_nothing()
    {
        foreach (var account in AccountOf.Values)
        {
            using var http = harness.As(account);
            var list = await ServerHarness.JsonAsync(await http.GetAsync("api/v1/applications"));
            var names = list["items"]!.AsArray().Select(a => a!["metadata"]!["name"]!.ToString()).ToList();
            Assert.Contains("web-dev", names);
            Assert.Contains("web-prod", names);
        }
        using var anonymous = harness.As(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/applications")).StatusCode);
    }

    /// <summary>The call that asks the server for <paramref name="action"/>, chosen to change as little as it can when allowed.</summary>
    private static Task<HttpResponseMessage> CallAsync(HttpClient http, string action, string app, string ns) => action switch
    {
        "get" => http.GetAsync($"api/v1/applications/{app}"),
        "sync" => ServerHarness.SendJsonAsync(http, HttpMethod.Post, $"api/v1/applications/{app}/sync", """{"dryRun":true}"""),
        "update" => ServerHarness.SendJsonAsync(http, HttpMethod.Patch, $"api/v1/applications/{app}",
            new JsonObject { ["patch"] = """{"metadata":{"labels":{"rbac-matrix":"touched"}}}""", ["patchType"] = "merge" }.ToJsonString()),
        // An invalid propagation policy is refused only after RBAC allowed the delete: nothing is deleted either way.
        "delete" => ServerHarness.SendJsonAsync(http, HttpMethod.Delete, $"api/v1/applications/{app}?propagationPolicy=sideways", null),
        // A revision other than the target needs override on top of sync.
        "override" => ServerHarness.SendJsonAsync(http, HttpMethod.Post, $"api/v1/applications/{app}/sync", """{"revision":"HEAD","dryRun":true}"""),
        "action" => ServerHarness.SendJsonAsync(http, HttpMethod.Post, $"api/v1/applications/{app}/resource/actions/v2",
            new JsonObject
            {
                ["name"] = app,
                ["namespace"] = ns,
                ["resourceName"] = "web",
                ["version"] = "v1",
                ["group"] = "apps",
                ["kind"] = "Deployment",
                ["action"] = "restart",
            }.ToJsonString()),
        _ => throw new ArgumentException($"no call for action {action}", nameof(action)),
    };
}
