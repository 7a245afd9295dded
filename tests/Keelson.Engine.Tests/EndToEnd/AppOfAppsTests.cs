using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>The seed's app-of-apps: one Application whose manifests are the three environments' Applications.</summary>
public sealed class AppOfAppsTests
{
    [Fact]
    public async Task App_of_apps_deploys_the_environment_Applications_and_its_health_waits_on_theirs()
    {
        string repoPath = "";
        await using var h = await EngineHarness.StartAsync(repo =>
        {
            repoPath = repo;
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "Keelson.slnx"))) root = root.Parent!;
            foreach (var dir in new[] { "examples/guestbook", "examples/argocd-apps" })
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, dir), "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(repo, Path.GetRelativePath(root.FullName, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, File.ReadAllText(file).Replace("https://github.com/keelson-dev/keelson.git", repo));
                }
            }
        });
        await h.ApplyAsync(File.ReadAllText(Path.Combine(h.Repo, "examples/argocd-apps/app-of-apps.yaml")));

        var parent = await h.WaitForAppAsync("app-of-apps", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy", seconds: 90);
        // When the parent is Healthy, the children it waits on are.
        var dev = (await h.GetAppAsync("guestbook-dev"))!;
        var staging = (await h.GetAppAsync("guestbook-staging"))!;
        Assert.Equal("Healthy", EngineHarness.Health(dev));
        Assert.Equal("Healthy", EngineHarness.Health(staging));
        // prod syncs by hand: it is deployed as an Application but stays OutOfSync, and does not hold the parent back.
        var prod = (await h.GetAppAsync("guestbook-prod"))!;
        Assert.Equal("OutOfSync", EngineHarness.Sync(prod));

        var children = parent.GetPath("status", "resources")!.AsArray().OfType<JsonObject>().Where(r => r["kind"]!.ToString() == "Application").ToList();
        Assert.Equal(["guestbook-dev", "guestbook-prod", "guestbook-staging"], children.Select(c => c["name"]!.ToString()).Order().ToArray());
        Assert.Equal("Healthy", children.Single(c => c["name"]!.ToString() == "guestbook-dev")["health"]!["status"]!.ToString());
        Assert.Contains(parent.GetPath("status", "resources")!.AsArray().OfType<JsonObject>(), r => r["kind"]!.ToString() == "AppProject" && r["name"]!.ToString() == "production");
        Assert.NotEmpty(repoPath);
    }
}
