using System.Text.Json.Nodes;
using Keelson.Cli.Tests.App;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.Server;

/// <summary>The verbs that follow or read an Application through the API server: wait (on the watch stream), diff, logs, manifests.</summary>
[Collection(ServerCollection.Name)]
public sealed class ServerReadTests(ServerFixture fixture)
{
    [Fact]
    public async Task Wait_follows_the_watch_stream_instead_of_polling_and_times_out_saying_what_it_waited_for()
    {
        await fixture.CreateAppAsync("cli-wait", "apps/web/overlays/dev");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            var mark = fixture.Requests.Received.Count;
            var wait = admin.RunAsync("app", "wait", "cli-wait", "--sync", "--operation", "--timeout", "60");
            await ServerFixture.EventuallyAsync(() => Task.FromResult(fixture.Requests.Since(mark).Contains("GET /api/v1/stream/applications?name=cli-wait")), "keelson app wait to open the stream");

            // The sync is asked for behind the CLI's back, so that every request of this wait is its own.
            var type = (await fixture.Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;
            await fixture.Client.MergePatchAsync(type, "argocd", "cli-wait", new JsonObject
            {
                ["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = "main" }, ["initiatedBy"] = new JsonObject { ["username"] = "test" } },
            });
            var waited = await wait;
            Assert.True(waited.ExitCode == 0, waited.ToString());
            Assert.Contains("cli-wait: sync Synced", waited.Stdout);
            Assert.Equal("Synced", AppFixture.Sync((await fixture.GetAppAsync("cli-wait"))!));
            var reads = fixture.Requests.Since(mark).Where(r => r.StartsWith("GET /api/v1/applications/cli-wait", StringComparison.Ordinal)).ToList();
            Assert.True(reads.Count <= 1, $"keelson app wait polled the Application: {string.Join(", ", reads)}");

            var timedOut = await admin.RunAsync("app", "wait", "cli-wait", "--suspended", "--timeout", "2");
            Assert.True(timedOut.ExitCode == 1, timedOut.ToString());
            Assert.Contains("keelson: timed out after 2 s waiting for cli-wait to be Suspended; it is now: ", timedOut.Stderr);
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-wait");
        }
    }

    [Fact]
    public async Task Diff_shows_a_drift_made_in_the_cluster_manifests_mask_Secrets_and_logs_print_the_pods_lines_and_end()
    {
        await fixture.CreateAppAsync("cli-read", "apps/web/overlays/dev");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            var sync = await admin.RunAsync("app", "sync", "cli-read", "--timeout", "60");
            Assert.True(sync.ExitCode == 0, sync.ToString());
            var clean = await admin.RunAsync("app", "diff", "cli-read");
            Assert.True(clean.ExitCode == 0, clean.ToString());
            Assert.Equal("", clean.Stdout);

            var configMaps = (await fixture.Client.FindAsync("v1", "ConfigMap"))!;
            await fixture.Client.MergePatchAsync(configMaps, "cli-read", "web-settings", new JsonObject { ["data"] = new JsonObject { ["greeting"] = "drifted" } });
            var diff = await admin.RunAsync("app", "diff", "cli-read");
            Assert.True(diff.ExitCode == 1, diff.ToString());
            Assert.Contains("===== ConfigMap cli-read/web-settings ======", diff.Stdout);
            Assert.Matches(@"\n-\s+greeting: drifted\n", diff.Stdout);
            Assert.Matches(@"\n\+\s+greeting: hello\n", diff.Stdout);
            Assert.DoesNotContain("Deployment", diff.Stdout);
            Assert.DoesNotContain(SampleApp.SecretData, diff.Stdout);

            var manifests = await admin.RunAsync("app", "manifests", "cli-read");
            Assert.True(manifests.ExitCode == 0, manifests.ToString());
            var documents = Keelson.Resources.Serialization.YamlDocuments.Parse(manifests.Stdout).OfType<JsonObject>().ToList();
            Assert.Equal(["ConfigMap", "Deployment", "Secret", "Service"], documents.Select(d => d.GetKind()).Order(StringComparer.Ordinal));
            Assert.Equal("++++++++", documents.Single(d => d.GetKind() == "Secret").GetPath("data", "password")!.ToString());
            Assert.Equal("hello", documents.Single(d => d.GetKind() == "ConfigMap").GetPath("data", "greeting")!.ToString());
            Assert.DoesNotContain(SampleApp.SecretData, manifests.Stdout);
            var live = await admin.RunAsync("app", "manifests", "cli-read", "--source", "live");
            Assert.True(live.ExitCode == 0, live.ToString());
            Assert.Contains("greeting: drifted", live.Stdout);
            Assert.DoesNotContain(SampleApp.SecretData, live.Stdout);

            await fixture.WaitForAppAsync("cli-read", a => AppFixture.Health(a) == "Healthy", "Healthy (its pods running)");
            var logs = await admin.RunAsync("app", "logs", "cli-read");
            Assert.True(logs.ExitCode == 0, logs.ToString());
            var lines = logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // Two replicas, each with its simulated container's lines.
            Assert.Equal(2, lines.Count(l => l == "keelson: simulated container web, image example.com/web:1.0.0"));
            Assert.Equal(2, lines.Count(l => l.StartsWith("keelson: started at ", StringComparison.Ordinal)));
            var tail = await admin.RunAsync("app", "logs", "cli-read", "--kind", "Deployment", "--name", "web", "--tail", "1");
            Assert.True(tail.ExitCode == 0, tail.ToString());
            Assert.Equal(2, tail.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            var unknown = await admin.RunAsync("app", "logs", "cli-read", "--kind", "Deployment", "--name", "nothing");
            Assert.True(unknown.ExitCode != 0, unknown.ToString());
            Assert.Contains("Deployment nothing not found as part of application cli-read", unknown.Stderr);
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-read");
        }
    }
}
