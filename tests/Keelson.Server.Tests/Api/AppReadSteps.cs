using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Server.Tests.Rbac;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// Steps the read-API tests share: bringing an app to Synced, finding its pods, reading a stream line by line or to its
/// end, running under another RBAC policy.
/// </summary>
internal static class AppReadSteps
{
    /// <summary>Syncs <paramref name="name"/> as admin (unless it is already Synced) and waits until it is Synced and Healthy.</summary>
    public static async Task<JsonObject> SyncedAsync(ServerHarness harness, string name)
    {
        using var admin = harness.As("admin");
        var now = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{name}"));
        if (now["status"]?["sync"]?["status"]?.ToString() != "Synced")
        {
            var synced = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{name}/sync", "{}");
            Assert.True(synced.IsSuccessStatusCode, await synced.Content.ReadAsStringAsync());
        }
        return await harness.WaitForAsync(name, a => a["status"]?["sync"]?["status"]?.ToString() == "Synced" && a["status"]?["health"]?["status"]?.ToString() == "Healthy",
            "Synced and Healthy", 60);
    }

    /// <summary>The nodes of the app's resource tree, read over the API, once <paramref name="until"/> holds.</summary>
    public static async Task<List<JsonObject>> TreeAsync(ServerHarness harness, string name, Func<List<JsonObject>, bool> until, string what)
    {
        using var admin = harness.As("admin");
        var clock = Stopwatch.StartNew();
        List<JsonObject> nodes = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var tree = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{name}/resource-tree"));
            nodes = (tree["nodes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (until(nodes)) return nodes;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the resource tree of {name} did not show {what} within 30 s; nodes: {string.Join(", ", nodes.Select(n => $"{n["kind"]}/{n["name"]}"))}");
    }

    public static List<JsonObject> Pods(List<JsonObject> nodes) => nodes.Where(n => n["kind"]?.ToString() == "Pod").ToList();

    /// <summary>
    /// The names of the app's pods once its tree shows exactly <paramref name="count"/>, every one Running with all its
    /// containers ready (so none is starting or terminating).
    /// </summary>
    public static async Task<List<string>> RunningPodsAsync(ServerHarness harness, string name, int count)
    {
        var nodes = await TreeAsync(harness, name, n => Pods(n) is { } pods && pods.Count == count && pods.All(IsRunning), $"{count} running pods");
        return Pods(nodes).Select(p => p["name"]!.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a Pod node's info says Running with every container ready.</summary>
    public static bool IsRunning(JsonObject pod)
    {
        var info = (pod["info"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(i => i["name"]!.ToString(), i => i["value"]!.ToString(), StringComparer.Ordinal);
        var containers = info.GetValueOrDefault("Containers")?.Split('/');
        return info.GetValueOrDefault("Status Reason") == "Running" && containers is [var ready, var total] && ready == total && total != "0";
    }

    /// <summary>The next line of a stream, at most <paramref name="seconds"/> away; null at its end.</summary>
    public static async Task<string?> LineAsync(StreamReader reader, double seconds = 20)
    {
        try
        {
            return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no line within {seconds} s");
        }
    }

    public static async Task<JsonObject> MessageAsync(StreamReader reader, double seconds = 20)
    {
        var line = await LineAsync(reader, seconds);
        Assert.NotNull(line);
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>
    /// GETs a newline-delimited stream that ends by itself (a log without follow) and returns its messages; fails when
    /// the answer is not a 200 stream of JSON or the stream has not ended within <paramref name="seconds"/>.
    /// </summary>
    public static async Task<List<JsonObject>> StreamToEndAsync(HttpClient http, string path, double seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var messages = new List<JsonObject>();
        try
        {
            while (await reader.ReadLineAsync(timeout.Token) is { } line) messages.Add(JsonNode.Parse(line)!.AsObject());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"GET {path}: the stream did not end within {seconds} s; it sent {messages.Count} messages, the last {messages.LastOrDefault()?.ToJsonString()}");
        }
        return messages;
    }

    /// <summary>
    /// Runs <paramref name="test"/> with the seed's argocd-rbac-cm changed by <paramref name="edit"/> in force, then
    /// puts the seed's back (also when the test fails).
    /// </summary>
    public static async Task WithPolicyAsync(ServerHarness harness, Func<string, string> edit, Func<Task> test)
    {
        var seed = File.ReadAllText(Path.Combine(RbacFixture.RepositoryRoot, "examples", "argocd-apps", "argocd-rbac-cm.yaml"));
        var edited = edit(seed);
        Assert.NotEqual(seed, edited);
        try
        {
            await harness.Client.ApplyManifestsAsync(edited, "test", "argocd-rbac-cm.yaml");
            await harness.Server.Rbac.RefreshAsync(CancellationToken.None);
            Assert.Null(harness.Server.Rbac.LastError);
            await test();
        }
        finally
        {
            await harness.Client.ApplyManifestsAsync(seed, "test", "argocd-rbac-cm.yaml");
            await harness.Server.Rbac.RefreshAsync(CancellationToken.None);
        }
    }
}
