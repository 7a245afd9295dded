using System.CommandLine;
using System.Globalization;

namespace Keelson.Cli.App;

/// <summary>`keelson app logs NAME`: the logs of an Application's pods, as the server streams them (<c>…/logs</c>); needs the server.</summary>
public static class AppLogsCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var container = new Option<string?>("--container", "-c") { Description = "The container (default: each pod's first)." };
        var tail = new Option<long?>("--tail") { Description = "Only the last N lines of each container." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C." };
        var kind = new Option<string?>("--kind") { Description = "Only the pods of resources of this kind (with --name)." };
        var group = new Option<string?>("--group") { Description = "The resource's API group." };
        var resourceName = new Option<string?>("--name") { Description = "Only the pods of this resource (e.g. a Deployment's name, with --kind)." };
        var ns = new Option<string?>("--resource-namespace") { Description = "The resource's namespace." };
        var command = new Command("logs", "Print the logs of an Application's pods (needs the API server).") { name, container, tail, follow, kind, group, resourceName, ns };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var server = AppCommand.Server(backend, "app logs");
            var query = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["container"] = parse.GetValue(container),
                ["tailLines"] = parse.GetValue(tail)?.ToString(CultureInfo.InvariantCulture),
                ["follow"] = parse.GetValue(follow) ? "true" : "false",
                ["kind"] = parse.GetValue(kind),
                ["group"] = parse.GetValue(group),
                ["resourceName"] = parse.GetValue(resourceName),
                ["namespace"] = parse.GetValue(ns),
            };
            await foreach (var entry in server.LogsAsync(parse.GetValue(name)!, query, ct))
            {
                if (entry["last"]?.GetValue<bool>() == true && entry["content"]?.ToString() is not { Length: > 0 }) continue;
                Terminal.Line(entry["content"]?.ToString() ?? "");
            }
            return 0;
        }));
        return command;
    }
}
