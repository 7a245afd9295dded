using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app sync NAME`: asks for a sync (<see cref="IAppBackend.SyncAsync"/>) and, unless
/// --async, waits for it with progress. Exit 0 when it Succeeded, 1 when it Failed (the failed objects' messages on
/// standard error) or timed out.
/// </summary>
public static class AppSyncCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var prune = new Option<bool>("--prune") { Description = "Delete the objects Git no longer has." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Run every step against the API server's dry run: nothing changes, the result shows what would." };
        var revision = new Option<string?>("--revision") { Description = "Sync to this revision (commit, branch or tag) instead of the target revision." };
        var resources = new Option<string[]>("--resource")
        {
            Description = "Sync only this object, as GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (repeatable; the core group is empty: :Service:web).",
        };
        var syncOptions = new Option<string[]>("--sync-option") { Description = "A sync option for this sync, such as CreateNamespace=true or ServerSideApply=true (repeatable)." };
        var async = new Option<bool>("--async") { Description = "Return once the sync is requested; do not wait for it." };
        var timeout = AppCommand.Timeout("Seconds to wait for the sync to finish (0: no limit).");
        var command = new Command("sync", "Sync an Application to its target state in Git.") { name, prune, dryRun, revision, resources, syncOptions, async, timeout };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var appName = parse.GetValue(name)!;
            var app = Application.Parse(await session.GetAsync(appName, ct));
            EnsureNoOperation(app);
            var wanted = parse.GetValue(revision);
            if (wanted is { Length: > 0 } && app.IsAutomated && wanted != AppView.Target(app))
                throw new CliException($"{appName} has automated sync, which would sync it back to {AppView.Target(app)} at once: turn it off first with `keelson app set {appName} --no-auto-sync`, or use `keelson app rollback`, which suspends it for you");
            var sync = new JsonObject { ["prune"] = parse.GetValue(prune), ["dryRun"] = parse.GetValue(dryRun) };
            if (wanted is { Length: > 0 }) sync["revision"] = wanted;
            if (parse.GetValue(syncOptions) is { Length: > 0 } opts) sync["syncOptions"] = new JsonArray(opts.Select(o => (JsonNode)o).ToArray());
            if (parse.GetValue(resources) is { Length: > 0 } only) sync["resources"] = new JsonArray(only.Select(r => (JsonNode)ParseResource(r)).ToArray());
            await session.SyncAsync(appName, sync, ct);
            if (parse.GetValue(async))
            {
                Terminal.Line($"Sync of {appName} requested{(parse.GetValue(dryRun) ? " (dry run)" : "")}; follow it with `keelson app wait {appName} --operation`");
                return 0;
            }
            return await AwaitOperationAsync(session, appName, AppCommand.Seconds(parse.GetValue(timeout)), ct);
        }));
        return command;
    }

    public static void EnsureNoOperation(Application app)
    {
        if (AppView.RunningOperation(app.Raw) is not null)
            throw new CliException($"another operation is already in progress on {app.Name}: wait for it with `keelson app wait {app.Name} --operation`");
    }

    /// <summary>Waits until the engine has finished the requested operation, then prints its outcome; 0 when it Succeeded, 1 otherwise.</summary>
    public static async Task<int> AwaitOperationAsync(IAppBackend session, string name, TimeSpan? timeout, CancellationToken ct)
    {
        var raw = await session.Terminal.ProgressAsync($"Waiting for the sync of {name}", progress => AppWaiter.UntilAsync(session, name,
            a => AppView.RunningOperation(a) is null, "done with its operation (is the engine running? `keelson up` or `keelson controller`)", timeout, progress, ct));
        var app = Application.Parse(raw);
        var state = app.Status.OperationState;
        if (state is null) throw new CliException($"the operation on {name} was removed before the engine ran it");
        PrintOperation(session.Terminal, app, state);
        if (state.Phase == "Succeeded") return 0;
        foreach (var r in state.SyncResult?.Resources.Where(r => r.Status is "SyncFailed" || r.HookPhase is "Failed" or "Error") ?? [])
            Terminal.Error($"keelson: {r.Kind} {(r.Namespace.Length == 0 ? "" : r.Namespace + "/")}{r.Name}: {r.Message}");
        Terminal.Error($"keelson: the sync of {name} {state.Phase.ToLowerInvariant()}: {state.Message}");
        return 1;
    }

    public static void PrintOperation(Terminal terminal, Application app, OperationState state)
    {
        Terminal.Fields(
        [
            ("Name", $"{app.Namespace}/{app.Name}"),
            ("Operation", state.Operation?.Sync?.DryRun == true ? "Sync (dry run)" : "Sync"),
            ("Sync Revision", state.SyncResult?.Revision ?? ""),
            ("Phase", terminal.Status(state.Phase)),
            ("Start", state.StartedAt ?? ""),
            ("Finished", state.FinishedAt ?? ""),
            ("Message", state.Message ?? ""),
        ]);
        var results = state.SyncResult?.Resources ?? [];
        if (results.Count == 0) return;
        Terminal.Line();
        terminal.Table(["GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HOOK", "MESSAGE"],
            results.Select(r => (IReadOnlyList<string>)[r.Group, r.Kind, r.Namespace, r.Name, r.Status ?? r.HookPhase ?? "", r.HookType ?? "", r.Message ?? ""]),
            (column, cell) => column == 4 ? terminal.Status(cell) : cell);
    }

    /// <summary>GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, as `argocd app sync --resource`.</summary>
    private static JsonObject ParseResource(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0)
            throw new CliException($"--resource {text}: expected GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (core group empty, e.g. :Service:web or apps:Deployment:web-dev/web)");
        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        var resource = new JsonObject { ["group"] = parts[0], ["kind"] = parts[1], ["name"] = slash < 0 ? parts[2] : parts[2][(slash + 1)..] };
        if (slash >= 0) resource["namespace"] = parts[2][..slash];
        return resource;
    }
}
