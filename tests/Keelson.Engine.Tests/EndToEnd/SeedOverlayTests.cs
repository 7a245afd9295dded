using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>
/// The seed's own manifests, deployed by the engine and read back: after apply, every overlay compares as Synced
/// (no false OutOfSync from defaults, server-set fields or normalisation) and comes up Healthy.
/// </summary>
public sealed class SeedOverlayTests
{
    public static TheoryData<string> Overlays => new()
    {
        "examples/guestbook/overlays/dev",
        "examples/guestbook/overlays/staging",
        "examples/guestbook/overlays/prod",
        "examples/wordpress/overlays/dev",
        "examples/wordpress/overlays/prod",
    };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Seed_overlay_is_Synced_after_apply_and_read_back(string overlay)
    {
        await using var h = await EngineHarness.StartAsync(repo => CopyExamples(repo));
        var ns = "seed-" + overlay.Split('/')[1] + "-" + overlay.Split('/')[^1];
        await h.ApplyAsync(h.Application("seed", overlay, ns, SampleApp.AutomatedNoSelfHeal));
        var app = await h.WaitForAppAsync("seed", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) is "Healthy", "Synced and Healthy", seconds: 90);
        Assert.Equal("Succeeded", app.GetPath("status", "operationState", "phase")!.ToString());
        Assert.Single(app.GetPath("status", "history")!.AsArray());

        // A full refresh later still finds nothing to change, and no second sync happens.
        h.Controller.Refresh("seed");
        var reconciledAt = app.GetPath("status", "reconciledAt")!.ToString();
        await Task.Delay(1500);
        app = await h.WaitForAppAsync("seed", a => EngineHarness.Sync(a) == "Synced", "still Synced");
        Assert.Single(app.GetPath("status", "history")!.AsArray());
        Assert.DoesNotContain("OutOfSync", app.GetPath("status", "resources")!.ToJsonString());
        Assert.True(string.IsNullOrEmpty(EngineHarness.Conditions(app)), EngineHarness.Conditions(app));
        _ = reconciledAt;
    }

    private static void CopyExamples(string repo)
    {
        var root = FindRepositoryRoot();
        foreach (var dir in new[] { "examples/guestbook", "examples/wordpress" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, dir), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                var target = Path.Combine(repo, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Keelson.slnx not found above " + AppContext.BaseDirectory);
    }
}
