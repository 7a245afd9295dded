using System.CommandLine;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app wait NAME`: waits until an Application is Healthy (--health), Synced (--sync) and has no operation
/// running (--operation); all three when none is named. Exit 1 on --timeout, saying what it waited for and the state.
/// </summary>
public static class AppWaitCommand
{
    public static Command Create(AppOptions options)
    {
        var names = new Argument<string[]>("NAME") { Description = "The Applications.", Arity = ArgumentArity.OneOrMore };
        var health = new Option<bool>("--health") { Description = "Wait until health is Healthy." };
        var sync = new Option<bool>("--sync") { Description = "Wait until sync status is Synced." };
        var operation = new Option<bool>("--operation") { Description = "Wait until no operation is pending or running." };
        var suspended = new Option<bool>("--suspended") { Description = "Wait until health is Suspended." };
        var degraded = new Option<bool>("--degraded") { Description = "Wait until health is Degraded." };
        var timeout = AppCommand.Timeout("Seconds to wait (0: no limit); past it, exit 1.");
        var command = new Command("wait", "Wait for Applications to be Healthy, Synced and done with their operations.") { names, health, sync, operation, suspended, degraded, timeout };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var wantHealth = parse.GetValue(health);
            var wantSync = parse.GetValue(sync);
            var wantOperation = parse.GetValue(operation);
            var wantSuspended = parse.GetValue(suspended);
            var wantDegraded = parse.GetValue(degraded);
            if (!wantHealth && !wantSync && !wantOperation && !wantSuspended && !wantDegraded) wantHealth = wantSync = wantOperation = true;
            var what = new List<string>();
            if (wantHealth) what.Add("Healthy");
            if (wantSuspended) what.Add("Suspended");
            if (wantDegraded) what.Add("Degraded");
            if (wantSync) what.Add("Synced");
            if (wantOperation) what.Add("done with its operation");
            var description = string.Join(" and ", what);
            var limit = AppCommand.Seconds(parse.GetValue(timeout));
            var started = DateTime.UtcNow;
            foreach (var appName in parse.GetValue(names)!)
            {
                var remaining = limit is { } l ? l - (DateTime.UtcNow - started) : (TimeSpan?)null;
                if (remaining is { } r && r <= TimeSpan.Zero) remaining = TimeSpan.FromMilliseconds(1);
                var raw = await session.Terminal.ProgressAsync($"Waiting for {appName} to be {description}", progress => AppWaiter.UntilAsync(session, appName, a =>
                {
                    var app = Application.Parse(a);
                    var h = AppView.Health(app);
                    return (!wantHealth || h == "Healthy") && (!wantSuspended || h == "Suspended") && (!wantDegraded || h == "Degraded")
                        && (!wantSync || AppView.SyncStatus(app) == "Synced") && (!wantOperation || AppView.RunningOperation(a) is null);
                }, description, remaining, progress, ct));
                Terminal.Line($"{appName}: {AppView.State(raw)}");
            }
            return 0;
        }));
        return command;
    }
}
