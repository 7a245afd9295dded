using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app rollback NAME [ID]`: syncs an Application back to a history entry's revision and source. Through a
/// kubeconfig, automated sync is suspended in the same change (<see cref="AppSession.RollbackAsync"/>) until `keelson
/// app set NAME --auto-sync`; through the server, <c>POST …/rollback</c> refuses while automated sync is on, as Argo CD's.
/// </summary>
public static class AppRollbackCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var id = new Argument<long?>("ID") { Description = "The history entry to go back to (see `keelson app history`; default: the one before the latest).", Arity = ArgumentArity.ZeroOrOne };
        var prune = new Option<bool>("--prune") { Description = "Delete the objects the earlier revision does not have." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the rollback would do, changing nothing (automation is not suspended)." };
        var async = new Option<bool>("--async") { Description = "Return once the rollback is requested; do not wait for it." };
        var timeout = AppCommand.Timeout("Seconds to wait for the rollback to finish (0: no limit).");
        var command = new Command("rollback", "Roll an Application back to an earlier deployment in its history.") { name, id, prune, dryRun, async, timeout };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var appName = parse.GetValue(name)!;
            var app = Application.Parse(await session.GetAsync(appName, ct));
            AppSyncCommand.EnsureNoOperation(app);
            var history = (app.Status.History ?? []).OrderBy(h => h.Id).ToList();
            RevisionHistory entry;
            if (parse.GetValue(id) is { } wanted)
            {
                entry = history.FirstOrDefault(h => h.Id == wanted)
                    ?? throw new CliException($"{appName} has no history entry {wanted} (its entries: {(history.Count == 0 ? "none" : string.Join(", ", history.Select(h => h.Id)))}; see `keelson app history {appName}`)");
            }
            else
            {
                if (history.Count < 2)
                    throw new CliException($"{appName} has {(history.Count == 0 ? "no deployment" : "only one deployment")} in its history: there is nothing earlier to roll back to");
                entry = history[^2];
            }
            if (app.Spec.Sources is { Count: > 1 })
                throw new CliException($"{appName} has several sources: rollback supports single-source Applications");

            var suspend = await session.RollbackAsync(app, entry, parse.GetValue(prune), parse.GetValue(dryRun), ct);
            Terminal.Line($"Rolling {appName} back to history {entry.Id} ({AppView.Short(entry.Revision)}){(parse.GetValue(dryRun) ? " (dry run)" : "")}");
            if (suspend)
                Terminal.Line($"Automated sync of {appName} is suspended so it does not undo the rollback; resume it with `keelson app set {appName} --auto-sync`");
            if (parse.GetValue(async)) return 0;
            return await AppSyncCommand.AwaitOperationAsync(session, appName, AppCommand.Seconds(parse.GetValue(timeout)), ct);
        }));
        return command;
    }
}
