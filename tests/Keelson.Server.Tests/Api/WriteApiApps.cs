using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Keelson.Git;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// The write API tests' own Applications, apart from the harness's web-dev and web-prod: created with their own
/// name and namespace, synced through the API, and deleted with their resources afterwards.
/// </summary>
internal static class WriteApiApps
{
    /// <summary>Writes files into the harness's repository and commits them; the commit's SHA.</summary>
    public static string Commit(ServerHarness harness, string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(harness.Repo, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return LocalRepository.CommitAll(harness.Repo, message);
    }

    /// <summary>Commits testdata/apps/&lt;app&gt;/ as apps/&lt;app&gt;/, creates the manual Application of that name deploying it, and syncs it.</summary>
    public static async Task DeployFixtureAsync(ServerHarness harness, string app)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "testdata", "apps", app);
        var sha = Commit(harness, app, Directory.GetFiles(fixtures).ToDictionary(f => $"apps/{app}/{Path.GetFileName(f)}", File.ReadAllText));
        await CreateAsync(harness, app, $"apps/{app}");
        await SyncAsync(harness, app, sha);
    }

    /// <summary>Creates a manual Application in the default project deploying <paramref name="path"/> to the namespace of its own name.</summary>
    public static async Task CreateAsync(ServerHarness harness, string name, string path)
    {
        await harness.Client.ApplyManifestsAsync(harness.App(name, "default", path, name, SampleApp.Manual, labels: "team: writes"), "test", name);
        await harness.WaitForAsync(name, a => a["status"]?["sync"]?["status"] is not null, "compared");
    }

    /// <summary>Refreshes and syncs to what main names now; waits for the sync of <paramref name="sha"/> to succeed.</summary>
    public static async Task<JsonObject> SyncAsync(ServerHarness harness, string name, string sha)
    {
        using var admin = harness.As("admin");
        (await admin.GetAsync($"api/v1/applications/{name}?refresh=normal")).EnsureSuccessStatusCode();
        var sync = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{name}/sync", """{"revision":"main","prune":true}""");
        Assert.True(sync.StatusCode == HttpStatusCode.OK, await sync.Content.ReadAsStringAsync());
        return await harness.WaitForAsync(name, a => Phase(a) == "Succeeded" && a["status"]?["operationState"]?["syncResult"]?["revision"]?.ToString() == sha
            && a["operation"] is null, $"synced to {sha}");
    }

    public static async Task DeleteAsync(ServerHarness harness, string name)
    {
        using var admin = harness.As("admin");
        await DeleteAsync(admin, $"api/v1/applications/{name}");
    }

    /// <summary>A DELETE with Content-Type application/json (Argo's CSRF guard wants it of every request but a GET).</summary>
    public static Task<HttpResponseMessage> DeleteAsync(HttpClient http, string path) => ServerHarness.SendJsonAsync(http, HttpMethod.Delete, path, null);

    public static string? Phase(JsonObject app) => app["status"]?["operationState"]?["phase"]?.ToString();

    /// <summary>The Application as the control cluster stores it.</summary>
    public static async Task<JsonObject> StoredAsync(ServerHarness harness, string name) =>
        (await harness.Client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name))!;

    /// <summary>Waits, with a deadline, for <paramref name="condition"/> on what <paramref name="read"/> answers.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, double seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        var last = await read();
        while (!condition(last))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"expected {what} within {seconds} s; last: {last}");
            await Task.Delay(100);
            last = await read();
        }
        return last;
    }

    public static async Task<(HttpStatusCode Status, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text) as JsonObject;
        return (response.StatusCode, body?["message"]?.ToString() ?? text);
    }
}
