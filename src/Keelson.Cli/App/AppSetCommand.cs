using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app set NAME`: changes an Application's spec with one merge patch, as `argocd app set`. --auto-sync
/// also ends a suspension left by `keelson app rollback` (it removes the <see cref="ArgoAnnotations.AutoSyncSuspended"/> annotation).
/// </summary>
public static class AppSetCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var autoSync = new Option<bool>("--auto-sync") { Description = "Turn automated sync on (or back on after a rollback)." };
        var noAutoSync = new Option<bool>("--no-auto-sync") { Description = "Turn automated sync off." };
        var syncPolicy = new Option<string?>("--sync-policy") { Description = "automated (or auto): as --auto-sync; none: as --no-auto-sync." };
        syncPolicy.AcceptOnlyFromAmong("automated", "auto", "automatic", "none", "manual");
        var selfHeal = new Option<bool>("--self-heal") { Description = "Automated sync also undoes changes made in the cluster." };
        var noSelfHeal = new Option<bool>("--no-self-heal") { Description = "Automated sync leaves changes made in the cluster." };
        var autoPrune = new Option<bool>("--auto-prune") { Description = "Automated sync also deletes objects Git no longer has." };
        var noAutoPrune = new Option<bool>("--no-auto-prune") { Description = "Automated sync does not delete objects." };
        var revision = new Option<string?>("--revision") { Description = "The target revision (branch, tag or commit)." };
        var path = new Option<string?>("--path") { Description = "The directory in the repository." };
        var repo = new Option<string?>("--repo") { Description = "The Git repository URL." };
        var destNamespace = new Option<string?>("--dest-namespace") { Description = "The destination namespace." };
        var destServer = new Option<string?>("--dest-server") { Description = "The destination cluster's server URL." };
        var destName = new Option<string?>("--dest-name") { Description = "The destination cluster's name." };
        var project = new Option<string?>("--project") { Description = "The AppProject." };
        var syncOptions = new Option<string[]>("--sync-option") { Description = "Add or change a sync option, such as CreateNamespace=true (repeatable)." };
        var command = new Command("set", "Change an Application's settings.")
        {
            name, autoSync, noAutoSync, syncPolicy, selfHeal, noSelfHeal, autoPrune, noAutoPrune, revision, path, repo, destNamespace, destServer, destName, project, syncOptions,
        };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var appName = parse.GetValue(name)!;
            var app = Application.Parse(await session.GetAsync(appName, ct));
            var errors = new List<string>();
            var enable = parse.GetValue(autoSync) || parse.GetValue(syncPolicy) is "automated" or "auto" or "automatic";
            var disable = parse.GetValue(noAutoSync) || parse.GetValue(syncPolicy) is "none" or "manual";
            if (enable && disable) errors.Add("turn automated sync either on or off, not both");
            if (parse.GetValue(selfHeal) && parse.GetValue(noSelfHeal)) errors.Add("--self-heal and --no-self-heal contradict each other");
            if (parse.GetValue(autoPrune) && parse.GetValue(noAutoPrune)) errors.Add("--auto-prune and --no-auto-prune contradict each other");
            if (parse.GetValue(destServer) is not null && parse.GetValue(destName) is not null) errors.Add("give --dest-server or --dest-name, not both");
            var automatedAfter = enable || (!disable && app.Spec.SyncPolicy?.Automated is not null);
            var tuning = parse.GetValue(selfHeal) || parse.GetValue(noSelfHeal) || parse.GetValue(autoPrune) || parse.GetValue(noAutoPrune);
            if (tuning && !automatedAfter) errors.Add($"{appName} has no automated sync to tune: add --auto-sync");
            var sourceChange = parse.GetValue(revision) is not null || parse.GetValue(path) is not null || parse.GetValue(repo) is not null;
            if (sourceChange && app.Spec.Source is null) errors.Add($"{appName} has several sources (spec.sources): change them with kubectl");
            if (errors.Count > 0) throw new CliException(string.Join("; ", errors));

            var spec = new JsonObject();
            var changes = new List<string>();
            if (sourceChange)
            {
                var source = new JsonObject();
                if (parse.GetValue(revision) is { } r) source["targetRevision"] = r;
                if (parse.GetValue(path) is { } p) source["path"] = p;
                if (parse.GetValue(repo) is { } u) source["repoURL"] = u;
                spec["source"] = source;
                changes.Add("source");
            }
            var destination = new JsonObject();
            if (parse.GetValue(destNamespace) is { } dns) destination["namespace"] = dns;
            if (parse.GetValue(destServer) is { } ds)
            {
                destination["server"] = ds;
                destination["name"] = null;
            }
            if (parse.GetValue(destName) is { } dn)
            {
                destination["name"] = dn;
                destination["server"] = null;
            }
            if (destination.Count > 0)
            {
                spec["destination"] = destination;
                changes.Add("destination");
            }
            if (parse.GetValue(project) is { } proj)
            {
                spec["project"] = proj;
                changes.Add("project");
            }
            var policy = new JsonObject();
            JsonObject? annotations = null;
            if (disable)
            {
                policy["automated"] = null;
                changes.Add("automated sync off");
            }
            else if (enable || tuning)
            {
                var automated = new JsonObject();
                if (enable)
                {
                    automated["enabled"] = true;
                    changes.Add("automated sync on");
                }
                if (parse.GetValue(selfHeal) || parse.GetValue(noSelfHeal)) automated["selfHeal"] = parse.GetValue(selfHeal);
                if (parse.GetValue(autoPrune) || parse.GetValue(noAutoPrune)) automated["prune"] = parse.GetValue(autoPrune);
                if (tuning) changes.Add("automated sync settings");
                policy["automated"] = automated;
            }
            if ((enable || disable) && app.Raw.GetPath("metadata", "annotations", ArgoAnnotations.AutoSyncSuspended) is not null)
                annotations = new JsonObject { [ArgoAnnotations.AutoSyncSuspended] = null };
            if (parse.GetValue(syncOptions) is { Length: > 0 } opts)
            {
                var merged = new List<string>(app.Spec.SyncPolicy?.SyncOptions ?? []);
                foreach (var option in opts)
                {
                    var key = option.Split('=')[0];
                    merged.RemoveAll(o => o.Split('=')[0] == key);
                    merged.Add(option);
                }
                policy["syncOptions"] = new JsonArray(merged.Select(o => (JsonNode)o).ToArray());
                changes.Add("sync options");
            }
            if (policy.Count > 0) spec["syncPolicy"] = policy;
            if (spec.Count == 0 && annotations is null)
                throw new CliException($"nothing to change: name at least one setting (see `keelson app set --help`)");

            var patch = new JsonObject();
            if (spec.Count > 0) patch["spec"] = spec;
            if (annotations is not null) patch["metadata"] = new JsonObject { ["annotations"] = annotations };
            await session.PatchAsync(appName, patch, ct);
            Terminal.Line($"application '{appName}' updated: {string.Join(", ", changes)}");
            if (annotations is not null && enable)
                Terminal.Line($"Automated sync of {appName} is resumed: it syncs to {AppView.Target(app)} again");
            return 0;
        }));
        return command;
    }
}
