using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Api;

/// <summary>/api/v1/stream/applications/{name}/resource-tree: the tree as it is, then the whole tree again each time the cluster changes it.</summary>
public sealed class ResourceTreeStreamTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task The_first_message_is_the_tree_as_it_is_now()
    {
        await AppReadSteps.SyncedAsync(harness, "web-dev");
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        var now = await AppReadSteps.TreeAsync(harness, "web-dev", _ => true, "a tree");

        using var admin = Streaming("admin");
        using var response = await admin.GetAsync("api/v1/stream/applications/web-dev/resource-tree", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = Nodes(await AppReadSteps.MessageAsync(reader));

        Assert.Equal(now.Select(Identity), first.Select(Identity));
        // A ReplicaSet's and an EndpointSlice's names are generated: they are told by their owner.
        Assert.Equal(
            ["ConfigMap/web-settings", "Deployment/web", "EndpointSlice of Service/web", "Pod/" + pods[0], "Pod/" + pods[1], "ReplicaSet of Deployment/web", "Secret/web-credentials", "Service/web"],
            first.Select(n => n["kind"]!.ToString() is "ReplicaSet" or "EndpointSlice"
                ? $"{n["kind"]} of {n["parentRefs"]![0]!["kind"]}/{n["parentRefs"]![0]!["name"]}"
                : $"{n["kind"]}/{n["name"]}").Order(StringComparer.Ordinal));
        Assert.Equal("Healthy", first.Single(n => n["kind"]!.ToString() == "Deployment")["health"]!["status"]!.ToString());
    }

    [Fact]
    public async Task A_new_tree_comes_when_the_Deployment_is_scaled_and_when_a_pod_is_deleted()
    {
        await AppReadSteps.SyncedAsync(harness, "web-prod");
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-prod", 2);
        var deployments = (await harness.Client.FindAsync("apps/v1", "Deployment"))!;
        using var admin = Streaming("admin");
        using var response = await admin.GetAsync("api/v1/stream/applications/web-prod/resource-tree", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(pods, PodNames(Nodes(await AppReadSteps.MessageAsync(reader))));
        try
        {
            await harness.Client.MergePatchAsync(deployments, "web-prod", "web", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3 } });
            var scaled = await NextTreeAsync(reader, n => AppReadSteps.Pods(n).Count(AppReadSteps.IsRunning) == 3, "three running pods");
            Assert.Superset(pods.ToHashSet(), PodNames(scaled).ToHashSet());

            var podType = (await harness.Client.FindAsync("v1", "Pod"))!;
            Assert.True(await harness.Client.DeleteAsync(podType, "web-prod", pods[0]));
            var after = await NextTreeAsync(reader, n => !PodNames(n).Contains(pods[0]), $"no pod {pods[0]}");
            Assert.Contains(pods[1], PodNames(after));
        }
        finally
        {
            await harness.Client.MergePatchAsync(deployments, "web-prod", "web", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 2 } });
        }
    }

    [Fact]
    public async Task With_Accept_text_event_stream_the_tree_comes_as_a_server_sent_event()
    {
        using var admin = Streaming("admin");
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stream/applications/web-dev/resource-tree");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await AppReadSteps.LineAsync(reader);
        Assert.StartsWith("data: {\"result\":{\"nodes\":[", line, StringComparison.Ordinal);
        Assert.Contains(Nodes(JsonNode.Parse(line!["data: ".Length..])!.AsObject()), n => n["kind"]!.ToString() == "Deployment" && n["name"]!.ToString() == "web");
        Assert.Equal("", await AppReadSteps.LineAsync(reader));
    }

    [Fact]
    public async Task An_unknown_app_is_refused_before_the_stream_starts_and_told_as_not_found_only_within_a_project()
    {
        using var admin = Streaming("admin");
        // As in Argo CD, whether an app exists is not told to who names no project.
        await ArgoAssert.ForbiddenAsync(await admin.GetAsync("api/v1/stream/applications/no-such-app/resource-tree"), "permission denied");

        var unknown = await admin.GetAsync("api/v1/stream/applications/no-such-app/resource-tree?project=default");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = await ServerHarness.JsonAsync(unknown);
        Assert.Equal(5, error["code"]!.GetValue<int>());
        Assert.Equal("applications.argoproj.io \"no-such-app\" not found", error["message"]!.ToString());
    }

    [Fact]
    public async Task A_caller_who_may_not_get_the_app_is_refused_naming_resource_action_and_object()
    {
        // Without the seed's default role, carol (operations) may read production's apps only.
        await AppReadSteps.WithPolicyAsync(harness, seed => seed.Replace("  policy.default: role:readonly\n", "", StringComparison.Ordinal), async () =>
        {
            using var carol = Streaming("carol");
            await ArgoAssert.ForbiddenAsync(await carol.GetAsync("api/v1/stream/applications/web-dev/resource-tree"),
                "permission denied: applications, get, default/web-dev, sub: carol");

            using var response = await carol.GetAsync("api/v1/stream/applications/web-prod/resource-tree", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.NotNull((await AppReadSteps.MessageAsync(reader))["result"]!["nodes"]);
        });
    }

    private HttpClient Streaming(string account)
    {
        var http = harness.As(account);
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }

    /// <summary>The next tree of the stream that satisfies <paramref name="until"/>, each message checked to be a whole tree.</summary>
    private static async Task<List<JsonObject>> NextTreeAsync(StreamReader reader, Func<List<JsonObject>, bool> until, string what)
    {
        var clock = Stopwatch.StartNew();
        List<JsonObject> nodes = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            nodes = Nodes(await AppReadSteps.MessageAsync(reader, 30 - clock.Elapsed.TotalSeconds));
            // Every message is the whole tree, not a change to it.
            Assert.Contains(nodes, n => n["kind"]!.ToString() == "Deployment");
            if (until(nodes)) return nodes;
        }
        throw new TimeoutException($"no tree with {what} within 30 s; last: {string.Join(", ", nodes.Select(Identity))}");
    }

    /// <summary>The nodes of a stream message, after checking it is <c>{"result":{"nodes":[…]}}</c> and nothing else.</summary>
    private static List<JsonObject> Nodes(JsonObject message)
    {
        Assert.Equal(["result"], message.Select(p => p.Key));
        return message["result"]!["nodes"]!.AsArray().OfType<JsonObject>().ToList();
    }

    private static List<string> PodNames(List<JsonObject> nodes) => AppReadSteps.Pods(nodes).Select(p => p["name"]!.ToString()).Order(StringComparer.Ordinal).ToList();

    private static string Identity(JsonObject node) => $"{node["group"]}/{node["kind"]}/{node["namespace"]}/{node["name"]}";
}
