using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app resources NAME`: an Application's objects with their sync status and health. Through the server, the
/// resource tree (managed objects and what they own); through a kubeconfig, the managed objects of its status.
/// </summary>
public static class AppResourcesCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var output = AppCommand.Output("Output format: json, yaml, name (default: a table).", "json", "yaml", "name");
        var command = new Command("resources", "List an Application's resources.") { name, output };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var appName = parse.GetValue(name)!;
            var app = Application.Parse(await backend.GetAsync(appName, ct));
            var status = (app.Status.Resources ?? []).Select(r => ArgoJson.Write(r)).OfType<JsonObject>().ToList();
            var rows = status;
            if (backend is ServerBackend server)
            {
                var tree = await server.ResourceTreeAsync(appName, ct);
                var byKey = status.DistinctBy(AppView.NodeKey).ToDictionary(AppView.NodeKey, StringComparer.Ordinal);
                rows = (tree["nodes"] as JsonArray ?? []).OfType<JsonObject>().Select(n =>
                {
                    var row = new JsonObject
                    {
                        ["group"] = n["group"]?.ToString() ?? "",
                        ["kind"] = n["kind"]?.ToString(),
                        ["namespace"] = n["namespace"]?.ToString() ?? "",
                        ["name"] = n["name"]?.ToString(),
                        ["status"] = byKey.GetValueOrDefault(AppView.NodeKey(n))?["status"]?.ToString() ?? "",
                        ["health"] = n["health"]?.DeepClone(),
                    };
                    return row;
                }).ToList();
            }
            rows = rows.OrderBy(r => r["namespace"]?.ToString(), StringComparer.Ordinal).ThenBy(r => r["kind"]?.ToString(), StringComparer.Ordinal)
                .ThenBy(r => r["name"]?.ToString(), StringComparer.Ordinal).ToList();
            var all = new JsonArray(rows.Select(r => (JsonNode)r.DeepClone()).ToArray());
            switch (parse.GetValue(output))
            {
                case "json":
                    Terminal.Json(all);
                    return 0;
                case "yaml":
                    Terminal.Yaml(all);
                    return 0;
                case "name":
                    foreach (var r in rows) Terminal.Line($"{r["kind"]}/{r["name"]}");
                    return 0;
            }
            var terminal = backend.Terminal;
            terminal.Table(["GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH"], rows.Select(r => (IReadOnlyList<string>)
                [r["group"]?.ToString() ?? "", r["kind"]?.ToString() ?? "", r["namespace"]?.ToString() ?? "", r["name"]?.ToString() ?? "",
                 r["status"]?.ToString() ?? "", r.GetPath("health", "status")?.ToString() ?? ""]),
                (column, cell) => column is 4 or 5 ? terminal.Status(cell) : cell);
            return 0;
        }));
        return command;
    }
}
