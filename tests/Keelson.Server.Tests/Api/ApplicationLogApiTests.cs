using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// /api/v1/applications/{name}/logs and …/pods/{podName}/logs over the embedded cluster's simulated pods, whose one
/// container logs three lines: its image, its start and its readiness, each at the time it tells.
/// </summary>
public sealed class ApplicationLogApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private const string ImageLine = "keelson: simulated container web, image example.com/web:1.0.0";

    [Fact]
    public async Task Without_follow_every_pod_s_lines_come_in_Argo_s_shape_in_time_order_and_the_stream_ends_with_a_last_entry()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        using var admin = harness.As("admin");
        var entries = await EntriesAsync(admin, "api/v1/applications/web-dev/logs?follow=false");

        var lines = entries[..^1];
        Assert.Equal(pods, lines.Select(l => l["podName"]!.ToString()).Distinct().Order(StringComparer.Ordinal));
        foreach (var pod in pods) AssertWholeLog(lines.Where(l => l["podName"]!.ToString() == pod).ToList());
        Assert.All(lines, l => Assert.False(l["last"]!.GetValue<bool>()));
        var times = lines.Select(l => DateTimeOffset.Parse(l["timeStampStr"]!.ToString(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task The_pods_path_and_podName_give_that_pod_s_log_alone()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        using var admin = harness.As("admin");
        var byPath = await EntriesAsync(admin, $"api/v1/applications/web-dev/pods/{pods[0]}/logs");
        AssertWholeLog(byPath[..^1]);
        Assert.All(byPath[..^1], l => Assert.Equal(pods[0], l["podName"]!.ToString()));

        var byQuery = await EntriesAsync(admin, $"api/v1/applications/web-dev/logs?podName={pods[1]}&container=web");
        AssertWholeLog(byQuery[..^1]);
        Assert.All(byQuery[..^1], l => Assert.Equal(pods[1], l["podName"]!.ToString()));
    }

    [Fact]
    public async Task Kind_and_resource_name_select_that_resource_s_pods_or_those_under_it()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        var replicaSet = (await AppReadSteps.TreeAsync(harness, "web-dev", n => n.Any(x => x["kind"]!.ToString() == "ReplicaSet"), "a ReplicaSet"))
            .Single(n => n["kind"]!.ToString() == "ReplicaSet")["name"]!.ToString();
        using var admin = harness.As("admin");

        async Task<List<string>> PodsOf(string query) =>
            (await EntriesAsync(admin, $"api/v1/applications/web-dev/logs?{query}"))[..^1].Select(l => l["podName"]!.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(pods, await PodsOf("kind=Deployment&group=apps&resourceName=web&namespace=web-dev"));
        Assert.Equal(pods, await PodsOf($"kind=ReplicaSet&resourceName={replicaSet}"));
        Assert.Equal([pods[1]], await PodsOf($"kind=Pod&resourceName={pods[1]}"));
        // A Service selects its pods but does not own them: no pod is under it.
        Assert.Empty(await PodsOf("kind=Service&resourceName=web"));

        await ArgoAssert.BadRequestAsync(await admin.GetAsync("api/v1/applications/web-dev/logs?kind=Deployment&resourceName=api"),
            "Deployment api not found as part of application web-dev");
        // The group must match too: web is a Deployment of apps, not of extensions.
        await ArgoAssert.BadRequestAsync(await admin.GetAsync("api/v1/applications/web-dev/logs?kind=Deployment&group=extensions&resourceName=web"),
            "Deployment web not found as part of application web-dev");
    }

    [Fact]
    public async Task Tail_lines_since_and_filter_narrow_each_pod_s_lines()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        using var admin = harness.As("admin");

        // tailLines is per pod: the last line of each.
        var tail = (await EntriesAsync(admin, "api/v1/applications/web-dev/logs?tailLines=1"))[..^1];
        Assert.Equal(pods, tail.Select(l => l["podName"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.All(tail, l => Assert.Equal("keelson: ready at " + l["timeStamp"], l["content"]!.ToString()));
        var tailOfOne = (await EntriesAsync(admin, $"api/v1/applications/web-dev/pods/{pods[0]}/logs?tailLines=2"))[..^1];
        Assert.Equal(["keelson: started at " + tailOfOne[0]["timeStamp"], "keelson: ready at " + tailOfOne[1]["timeStamp"]], tailOfOne.Select(l => l["content"]!.ToString()));

        Assert.Equal(6, (await EntriesAsync(admin, "api/v1/applications/web-dev/logs?sinceSeconds=3600"))[..^1].Count);
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Single(await EntriesAsync(admin, $"api/v1/applications/web-dev/logs?sinceTime={future}"));

        var ready = (await EntriesAsync(admin, "api/v1/applications/web-dev/logs?filter=READY"))[..^1];
        Assert.Equal(2, ready.Count);
        Assert.All(ready, l => Assert.StartsWith("keelson: ready at ", l["content"]!.ToString(), StringComparison.Ordinal));
        Assert.Single(await EntriesAsync(admin, "api/v1/applications/web-dev/logs?filter=READY&matchCase=true"));
        var notImage = (await EntriesAsync(admin, "api/v1/applications/web-dev/logs?filter=!image"))[..^1];
        Assert.Equal(4, notImage.Count);

        await ArgoAssert.BadRequestAsync(await admin.GetAsync("api/v1/applications/web-dev/logs?tailLines=-1&follow=maybe"),
            "invalid tailLines '-1'", "invalid follow 'maybe'");
    }

    [Fact]
    public async Task A_container_the_pod_does_not_have_is_told_in_a_log_line_as_the_cluster_words_it()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        using var admin = harness.As("admin");
        var entries = await EntriesAsync(admin, $"api/v1/applications/web-dev/pods/{pods[0]}/logs?container=sidecar");
        var line = Assert.Single(entries[..^1]);
        Assert.Equal(pods[0], line["podName"]!.ToString());
        Assert.Contains($"container sidecar is not valid for pod {pods[0]}", line["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_follow_a_pod_s_log_stays_open_after_its_lines_until_its_run_ends()
    {
        await AppReadSteps.SyncedAsync(harness, "web-prod");
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-prod", 2);
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await admin.GetAsync($"api/v1/applications/web-prod/pods/{pods[0]}/logs?follow=true", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var written = new List<JsonObject>();
        for (var i = 0; i < 3; i++) written.Add(Entry(await AppReadSteps.MessageAsync(reader)));
        AssertWholeLog(written);

        // Nothing more to say, so the stream waits, until the pod's deletion ends its run and so the stream.
        var next = AppReadSteps.MessageAsync(reader);
        var podType = (await harness.Client.FindAsync("v1", "Pod"))!;
        var deleting = DateTimeOffset.UtcNow;
        Assert.True(await harness.Client.DeleteAsync(podType, "web-prod", pods[0]));
        var end = Entry(await next);
        Assert.True(end["last"]!.GetValue<bool>(), $"after the delete, expected the end of the stream; got {end.ToJsonString()}");
        Assert.True(DateTimeOffset.Parse(end["timeStampStr"]!.ToString(), CultureInfo.InvariantCulture) >= deleting,
            $"the stream ended at {end["timeStampStr"]}, before the pod was deleted at {deleting:O}");
        Assert.Null(await AppReadSteps.LineAsync(reader));
    }

    [Fact]
    public async Task An_unknown_pod_is_a_404_and_a_pod_of_another_app_a_400_in_Argo_s_error_shape()
    {
        await AppReadSteps.SyncedAsync(harness, "web-prod");
        var foreign = (await AppReadSteps.RunningPodsAsync(harness, "web-prod", 2))[0];
        using var admin = harness.As("admin");

        var unknown = await admin.GetAsync("api/v1/applications/web-dev/pods/no-such-pod/logs");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = await ServerHarness.JsonAsync(unknown);
        const string message = "pods \"no-such-pod\" not found as part of application web-dev";
        Assert.Equal(new JsonObject { ["error"] = message, ["code"] = 5, ["message"] = message }.ToJsonString(), error.ToJsonString());

        // In the other app's namespace the pod exists, but it is not web-dev's.
        await ArgoAssert.BadRequestAsync(await admin.GetAsync($"api/v1/applications/web-dev/pods/{foreign}/logs?namespace=web-prod"),
            $"pod {foreign} is not part of application web-dev");
        await ArgoAssert.BadRequestAsync(await admin.GetAsync("api/v1/applications/web-dev/pods/Web_1/logs"), "invalid pod name 'Web_1'");
    }

    [Fact]
    public async Task A_caller_who_may_get_the_app_but_not_its_logs_is_refused_naming_resource_action_and_object()
    {
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        using var carol = harness.As("carol");
        Assert.Equal(7, (await EntriesAsync(carol, "api/v1/applications/web-dev/logs")).Count);

        // Everyone may still read applications, but logs only where a role says so: carol (operations) only in production.
        await AppReadSteps.WithPolicyAsync(harness, seed => seed
            .Replace("policy.default: role:readonly", "policy.default: role:reader", StringComparison.Ordinal)
            .Replace("  policy.csv: |\n", "  policy.csv: |\n    p, role:reader, applications, get, */*, allow\n", StringComparison.Ordinal), async () =>
        {
            Assert.True((await carol.GetAsync("api/v1/applications/web-dev")).IsSuccessStatusCode);
            foreach (var path in new[] { "api/v1/applications/web-dev/logs", $"api/v1/applications/web-dev/pods/{pods[0]}/logs" })
                await ArgoAssert.ForbiddenAsync(await carol.GetAsync(path), "permission denied: logs, get, default/web-dev, sub: carol");
            using var bob = harness.As("bob");
            Assert.Equal(7, (await EntriesAsync(bob, "api/v1/applications/web-dev/logs")).Count);
        });
    }

    /// <summary>Every log line of one pod: the image, the start and the readiness, each stamped with the time it tells.</summary>
    private static void AssertWholeLog(IReadOnlyList<JsonObject> lines)
    {
        Assert.Equal(3, lines.Count);
        Assert.Equal(ImageLine, lines[0]["content"]!.ToString());
        Assert.Equal("keelson: started at " + lines[1]["timeStamp"], lines[1]["content"]!.ToString());
        Assert.Equal("keelson: ready at " + lines[2]["timeStamp"], lines[2]["content"]!.ToString());
    }

    /// <summary>The log entries of a stream without follow, each checked for Argo's LogEntry shape; the last is the end marker.</summary>
    private static async Task<List<JsonObject>> EntriesAsync(HttpClient http, string path)
    {
        var entries = (await AppReadSteps.StreamToEndAsync(http, path)).Select(Entry).ToList();
        var end = Assert.IsType<JsonObject>(entries.LastOrDefault());
        Assert.True(end["last"]!.GetValue<bool>(), $"the stream ended without a last entry: {end.ToJsonString()}");
        Assert.Equal(("", ""), (end["content"]!.ToString(), end["podName"]!.ToString()));
        return entries;
    }

    /// <summary>The <c>result</c> of a stream message, after checking it is Argo's LogEntry and nothing else.</summary>
    private static JsonObject Entry(JsonObject message)
    {
        Assert.Equal(["result"], message.Select(p => p.Key));
        var entry = message["result"]!.AsObject();
        Assert.Equal(["content", "last", "podName", "timeStamp", "timeStampStr"], entry.Select(p => p.Key).Order(StringComparer.Ordinal));
        // timeStamp is the time to the second (a metav1.Time), timeStampStr the same time to the fraction.
        var stamp = entry["timeStamp"]!.ToString();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", stamp);
        Assert.StartsWith(stamp[..^1], entry["timeStampStr"]!.ToString(), StringComparison.Ordinal);
        return entry;
    }
}
