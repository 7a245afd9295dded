using System.Text.Json.Nodes;
using Keelson.Cli.Tests.App;
using Keelson.Resources;

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
}
