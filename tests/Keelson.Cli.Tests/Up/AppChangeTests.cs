using System.Text.Json.Nodes;
using Keelson.Cli.Up;

namespace Keelson.Cli.Tests.Up;

/// <summary>The lines `keelson up` prints for what happens to an Application after "Keelson is up".</summary>
public sealed class AppChangeTests
{
    private const string Sha1 = "0b1eae0ff5bc40addcffb67a1ca01c9e7cd6099c";
    private const string Sha2 = "9d79048ce1bf5c7295cf03a6520869e297139339";

    [Fact]
    public void A_finished_auto_sync_to_a_new_revision_says_what_it_changed()
    {
        var before = App(Sha1, "Running", history: [Sha1]);
        var after = App(Sha2, "Succeeded", history: [Sha1, Sha2], results: ["deployment.apps/frontend configured", "service/frontend unchanged"]);
        var lines = AppChange.Describe(before, after).ToList();
        Assert.Equal(new AppChange.Line("guestbook-dev", "sync", "synced to 9d79048 (auto-sync): Deployment/frontend configured"), Assert.Single(lines));
    }

    [Fact]
    public void An_auto_sync_to_the_revision_already_deployed_is_a_self_heal()
    {
        var before = App(Sha2, "Running", history: [Sha1, Sha2]);
        var after = App(Sha2, "Succeeded", history: [Sha1, Sha2, Sha2], results: ["deployment.apps/frontend configured"]);
        var line = Assert.Single(AppChange.Describe(before, after));
        Assert.Equal("self-heal", line.Kind);
        Assert.Equal("self-healed drift at 9d79048: Deployment/frontend configured", line.Text);
    }

    [Fact]
    public void A_failed_sync_health_change_and_a_new_condition_each_get_a_line()
    {
        var before = App(Sha1, "Succeeded", history: [Sha1]);
        var after = App(Sha2, "Failed", history: [Sha1], message: "one or more objects failed to apply");
        after["status"]!["health"] = new JsonObject { ["status"] = "Degraded", ["message"] = "Deployment/frontend: ImagePullBackOff" };
        after["status"]!["conditions"] = new JsonArray(new JsonObject { ["type"] = "SyncError", ["message"] = "Deployment/frontend: invalid" });
        var lines = AppChange.Describe(before, after).Select(l => $"{l.Kind}: {l.Text}").ToList();
        Assert.Equal(
        [
            "sync-failed: sync to 9d79048 failed: one or more objects failed to apply",
            "health: health Healthy → Degraded: Deployment/frontend: ImagePullBackOff",
            "condition: condition SyncError: Deployment/frontend: invalid",
        ], lines);
        Assert.Equal("condition SyncError cleared", Assert.Single(AppChange.Describe(after, before), l => l.Kind == "condition").Text);
    }

    [Fact]
    public void A_state_seen_for_the_first_time_or_unchanged_says_nothing()
    {
        var app = App(Sha1, "Succeeded", history: [Sha1]);
        Assert.Empty(AppChange.Describe(null, app));
        Assert.Empty(AppChange.Describe(app, app.DeepClone().AsObject()));
    }

    private static JsonObject App(string revision, string phase, string[] history, string[]? results = null, string? message = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "guestbook-dev" },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = "Synced", ["revision"] = revision },
            ["health"] = new JsonObject { ["status"] = "Healthy" },
            ["history"] = new JsonArray(history.Select(h => (JsonNode)new JsonObject { ["revision"] = h }).ToArray()),
            ["operationState"] = new JsonObject
            {
                ["phase"] = phase,
                ["message"] = message,
                ["startedAt"] = "2026-12-07T15:25:49Z",
                ["finishedAt"] = phase == "Running" ? null : "2026-12-07T15:25:50Z",
                ["operation"] = new JsonObject { ["initiatedBy"] = new JsonObject { ["automated"] = true }, ["sync"] = new JsonObject { ["revision"] = revision } },
                ["syncResult"] = new JsonObject
                {
                    ["revision"] = revision,
                    ["resources"] = new JsonArray((results ?? []).Select(r => (JsonNode)new JsonObject
                    {
                        ["kind"] = r.StartsWith("deployment", StringComparison.Ordinal) ? "Deployment" : "Service",
                        ["name"] = "frontend",
                        ["message"] = r,
                    }).ToArray()),
                },
            },
        },
    };
}
