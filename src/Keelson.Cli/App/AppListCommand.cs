using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>`keelson app list`: the Applications with their sync and health, as `argocd app list`.</summary>
public static class AppListCommand
{
    public static Command Create(AppOptions options)
    {
        var output = AppCommand.Output("Output format: json, yaml, wide, name (default: a table).", "json", "yaml", "wide", "name");
        var project = new Option<string[]>("--project", "-p") { Description = "Only the Applications of these projects (repeatable)." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only the Applications matching this label selector." };
        var command = new Command("list", "List Applications.") { output, project, selector };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var items = await session.ListAsync(parse.GetValue(selector), parse.GetValue(project) ?? [], ct);
            var terminal = session.Terminal;
            switch (parse.GetValue(output))
            {
                case "json":
                    Terminal.Json(new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()));
                    break;
                case "yaml":
                    Terminal.Yaml(new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()));
                    break;
                case "name":
                    foreach (var raw in items) Terminal.Line(Application.Parse(raw).Name);
                    break;
                default:
                    var wide = parse.GetValue(output) == "wide";
                    string[] headers = wide
                        ? ["NAME", "CLUSTER", "NAMESPACE", "PROJECT", "STATUS", "HEALTH", "SYNCPOLICY", "CONDITIONS", "REPO", "PATH", "TARGET", "REVISION", "OPERATION"]
                        : ["NAME", "CLUSTER", "NAMESPACE", "PROJECT", "STATUS", "HEALTH", "SYNCPOLICY", "CONDITIONS", "REPO", "PATH", "TARGET"];
                    var rows = items.Select(raw =>
                    {
                        var app = Application.Parse(raw);
                        var row = new List<string>
                        {
                            app.Name, AppView.Cluster(app), app.Spec.Destination.Namespace ?? "", app.Spec.ProjectName,
                            AppView.SyncStatus(app), AppView.Health(app), AppView.SyncPolicy(app), AppView.Conditions(app) is { Length: > 0 } c ? c : "<none>",
                            app.PrimarySource?.RepoUrl ?? "", app.PrimarySource?.Path ?? "", AppView.Target(app),
                        };
                        if (wide)
                        {
                            row.Add(AppView.Short(app.Status.Sync?.Revision));
                            row.Add(AppView.RunningOperation(raw) ?? app.Status.OperationState?.Phase ?? "");
                        }
                        return (IReadOnlyList<string>)row;
                    });
                    terminal.Table(headers, rows, (column, cell) => column is 4 or 5 ? terminal.Status(cell) : cell);
                    break;
            }
            return 0;
        }));
        return command;
    }
}
