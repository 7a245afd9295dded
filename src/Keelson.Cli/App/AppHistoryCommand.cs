using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>`keelson app history NAME`: the revisions an Application was deployed at, as `argocd app history`.</summary>
public static class AppHistoryCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var output = AppCommand.Output("Output format: json, yaml (default: a table).", "json", "yaml");
        var command = new Command("history", "Show an Application's deployment history (the IDs `keelson app rollback` takes).") { name, output };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var raw = await session.GetAsync(parse.GetValue(name)!, ct);
            var history = raw.GetPath("status", "history") as JsonArray ?? [];
            switch (parse.GetValue(output))
            {
                case "json":
                    Terminal.Json(history);
                    return 0;
                case "yaml":
                    Terminal.Yaml(history);
                    return 0;
            }
            var entries = Application.Parse(raw).Status.History ?? [];
            session.Terminal.Table(["ID", "DATE", "REVISION", "PATH", "INITIATED BY"], entries.OrderBy(h => h.Id).Select(h => (IReadOnlyList<string>)
            [
                h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                h.DeployedAt ?? "",
                $"{AppView.Short(h.Revision)}{(h.Source?.TargetRevision is { Length: > 0 } t ? $" ({t})" : "")}",
                h.Source?.Path ?? "",
                h.InitiatedBy is { } by ? (by.Automated ? "automated" : by.Username ?? "") : "",
            ]));
            return 0;
        }));
        return command;
    }
}
