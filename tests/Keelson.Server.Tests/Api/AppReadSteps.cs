using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Api;

/// <summary>Steps the read-API tests share: bringing an app to Synced, finding its pods, reading a stream line by line.</summary>
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
}
