using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app manifests NAME`: the manifests the server renders for an Application (<c>--source git</c>, at
/// <c>--revision</c>), or its live objects (<c>--source live</c>), as YAML documents; needs the server.
/// </summary>
public static class AppManifestsCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var revision = new Option<string?>("--revision") { Description = "Render at this revision (default: the target revision)." };
        var source = new Option<string>("--source") { Description = "git: rendered from Git; live: the objects in the cluster.", DefaultValueFactory = _ => "git" };
        source.AcceptOnlyFromAmong("git", "live");
        var command = new Command("manifests", "Print an Application's manifests (needs the API server).") { name, revision, source };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var server = AppCommand.Server(backend, "app manifests");
            var appName = parse.GetValue(name)!;
            IEnumerable<string?> documents = parse.GetValue(source) == "live"
                ? (await server.ManagedResourcesAsync(appName, ct)).Select(r => r["liveState"]?.ToString())
                : await server.ManifestsAsync(appName, parse.GetValue(revision), ct);
            var nodes = documents.Where(d => d is { Length: > 0 } && d != "null").Select(d => JsonNode.Parse(d!)).ToList();
            Console.Out.Write(YamlDocuments.WriteAll(nodes));
            return 0;
        }));
        return command;
    }
}
