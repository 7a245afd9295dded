using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>`keelson app actions list|run NAME …`: the resource actions (restart, resume…) of an Application's objects; needs the server.</summary>
public static class AppActionsCommand
{
    public static Command Create(AppOptions options)
    {
        var actions = new Command("actions", "List or run the actions of an Application's resources (needs the API server).");
        actions.Subcommands.Add(List(options));
        actions.Subcommands.Add(Run(options));
        return actions;
    }

    private static Command List(AppOptions options)
    {
        var (name, resource, command) = WithResource(new Command("list", "List the actions a resource offers."));
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var server = AppCommand.Server(backend, "app actions list");
            var query = await resource.ResolveAsync(parse, server, parse.GetValue(name)!, ct);
            var found = await server.ActionsAsync(parse.GetValue(name)!, query, ct);
            backend.Terminal.Table(["GROUP", "KIND", "NAME", "ACTION", "DISABLED"], found.Select(a => (IReadOnlyList<string>)
                [query["group"] ?? "", query["kind"] ?? "", query["resourceName"] ?? "", a["name"]?.ToString() ?? "", a["disabled"]?.GetValue<bool>() == true ? "true" : "false"]));
            return 0;
        }));
        return command;
    }

    private static Command Run(AppOptions options)
    {
        var action = new Argument<string>("ACTION") { Description = "The action, e.g. restart." };
        var parameters = new Option<string[]>("--param") { Description = "An action parameter, name=value (repeatable), e.g. --param replicas=3 for scale." };
        var (name, resource, command) = WithResource(new Command("run", "Run an action on a resource."));
        command.Arguments.Add(action);
        command.Options.Add(parameters);
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var server = AppCommand.Server(backend, "app actions run");
            var query = await resource.ResolveAsync(parse, server, parse.GetValue(name)!, ct);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in parse.GetValue(parameters) ?? [])
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0) throw new CliException($"--param {parameter}: expected name=value");
                values[parameter[..equals]] = parameter[(equals + 1)..];
            }
            await server.RunActionAsync(parse.GetValue(name)!, parse.GetValue(action)!, query, ct, values);
            Terminal.Line($"Action '{parse.GetValue(action)}' run on {query["kind"]} {query["resourceName"]}");
            return 0;
        }));
        return command;
    }

    private static (Argument<string> Name, ResourceOptions Resource, Command Command) WithResource(Command command)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var resource = new ResourceOptions();
        command.Arguments.Add(name);
        resource.AddTo(command);
        return (name, resource, command);
    }

    /// <summary>Which of the Application's resources: --kind and --resource-name, with --group and --namespace when needed.</summary>
    private sealed class ResourceOptions
    {
        private readonly Option<string> _kind = new("--kind") { Description = "The resource's kind, e.g. Deployment.", Required = true };
        private readonly Option<string> _name = new("--resource-name") { Description = "The resource's name.", Required = true };
        private readonly Option<string?> _group = new("--group") { Description = "The resource's API group (default: the kind's usual one, e.g. apps for Deployment)." };
        private readonly Option<string?> _namespace = new("--namespace") { Description = "The resource's namespace (default: where the Application has its one object of that kind and name)." };

        public void AddTo(Command command)
        {
            command.Options.Add(_kind);
            command.Options.Add(_name);
            command.Options.Add(_group);
            command.Options.Add(_namespace);
        }

        /// <summary>
        /// The resource as the server names it (<c>namespace, resourceName, kind, group</c>). The server wants the exact
        /// namespace, so without --namespace it is taken from the Application's resources, as argocd finds it: the one
        /// object of that group, kind and name (several: an error asking for --namespace).
        /// </summary>
        public async Task<Dictionary<string, string?>> ResolveAsync(ParseResult parse, ServerBackend server, string app, CancellationToken ct)
        {
            var kind = parse.GetValue(_kind)!;
            var resourceName = parse.GetValue(_name)!;
            var group = parse.GetValue(_group) ?? (kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" ? "apps" : kind is "Job" or "CronJob" ? "batch" : "");
            var ns = parse.GetValue(_namespace);
            if (ns is null)
            {
                var candidates = (Application.Parse(await server.GetAsync(app, ct)).Status.Resources ?? [])
                    .Where(r => r.Group == group && r.Kind == kind && r.Name == resourceName).Select(r => r.Namespace ?? "").Distinct(StringComparer.Ordinal).ToList();
                // Not managed but owned (a ReplicaSet, a Pod): the resource tree has it.
                if (candidates.Count == 0)
                    candidates = ((await server.ResourceTreeAsync(app, ct))["nodes"] as JsonArray ?? []).OfType<JsonObject>()
                        .Where(n => (n["group"]?.ToString() ?? "") == group && n["kind"]?.ToString() == kind && n["name"]?.ToString() == resourceName)
                        .Select(n => n["namespace"]?.ToString() ?? "").Distinct(StringComparer.Ordinal).ToList();
                if (candidates.Count > 1)
                    throw new CliException($"{app} has {kind} {resourceName} in several namespaces ({string.Join(", ", candidates)}): pick one with --namespace");
                ns = candidates.Count == 1 ? candidates[0] : "";
            }
            return new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["namespace"] = ns,
                ["resourceName"] = resourceName,
                ["kind"] = kind,
                ["group"] = group,
            };
        }
    }
}
