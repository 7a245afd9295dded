using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app delete NAME`: deletes Applications. With --cascade (the default) the engine deletes the objects it
/// deployed before the Application goes (<see cref="IAppBackend.DeleteAsync"/>); with --cascade=false they stay.
/// </summary>
public static class AppDeleteCommand
{
    public static Command Create(AppOptions options)
    {
        var names = new Argument<string[]>("NAME") { Description = "The Applications.", Arity = ArgumentArity.OneOrMore };
        var cascade = new Option<bool>("--cascade") { Description = "Also delete the objects the Application deployed (--cascade=false keeps them).", DefaultValueFactory = _ => true };
        var propagation = new Option<string>("--propagation-policy") { Description = "How deployed objects are deleted: foreground (wait for their dependents) or background.", DefaultValueFactory = _ => "foreground" };
        propagation.AcceptOnlyFromAmong("foreground", "background");
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the Application (and with --cascade its objects) are gone." };
        var timeout = AppCommand.Timeout("Seconds to wait with --wait (0: no limit).");
        var command = new Command("delete", "Delete Applications.") { names, cascade, propagation, yes, wait, timeout };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var withCascade = parse.GetValue(cascade);
            foreach (var appName in parse.GetValue(names)!)
            {
                var app = Application.Parse(await session.GetAsync(appName, ct));
                if (!parse.GetValue(yes) && !Console.IsInputRedirected && !Console.IsOutputRedirected)
                {
                    Console.Out.Write($"Delete application '{appName}'{(withCascade ? " and the objects it deployed" : " (its objects stay)")}? [y/n] ");
                    if (Console.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                    {
                        Terminal.Line($"application '{appName}' not deleted");
                        continue;
                    }
                }
                await session.DeleteAsync(app, withCascade, parse.GetValue(propagation)!, ct);
                Terminal.Line($"application '{appName}' deleted{(withCascade ? "; the engine deletes its objects first" : "; its objects are kept")}");
                if (!parse.GetValue(wait)) continue;
                var limit = AppCommand.Seconds(parse.GetValue(timeout));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await session.Terminal.ProgressAsync($"Waiting for {appName} to be deleted", async progress =>
                {
                    while (await session.FindAsync(appName, ct) is { } still)
                    {
                        var left = Application.Parse(still).Status.Resources?.Count ?? 0;
                        progress($"{appName}: deleting ({left} objects recorded)");
                        if (limit is { } l && clock.Elapsed >= l)
                            throw new CliException($"timed out after {l.TotalSeconds:0.#} s waiting for {appName} to be deleted; finalizers: {string.Join(", ", Application.Parse(still).Finalizers)} (is the engine running?)");
                        await Task.Delay(AppWaiter.Interval, ct);
                    }
                    return 0;
                });
                Terminal.Line($"application '{appName}' is gone");
            }
            return 0;
        }));
        return command;
    }
}
