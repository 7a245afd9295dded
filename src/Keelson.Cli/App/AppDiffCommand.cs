using System.CommandLine;
using Keelson.Engine.Diff;
using Keelson.Engine.Model;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app diff NAME`: what a sync would change, as a unified diff per object (Secrets masked), computed by the
/// engine's own comparison without changing anything. Exit 0: no differences; 1: differences; 2: an error.
/// </summary>
public static class AppDiffCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var revision = new Option<string?>("--revision") { Description = "Compare with the manifests at this revision (commit, branch or tag) instead of the target revision." };
        var cache = new Option<string?>("--cache") { Description = "Where Git repositories are cached (default ~/.keelson/git-cli)." };
        var command = new Command("diff", "Show the differences between Git and the live objects (exit 0: none, 1: some, 2: error).") { name, revision, cache };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, backend =>
            backend is ServerBackend server ? ServerDiffAsync(server, parse.GetValue(name)!, parse.GetValue(revision), ct) : KubeDiffAsync((AppSession)backend, parse, name, revision, cache, ct),
            errorExitCode: 2));
        return command;
    }

    /// <summary>Compares with the engine's own code, from this machine: Git fetched into <c>--cache</c>, live objects read through the kubeconfig.</summary>
    private static async Task<int> KubeDiffAsync(AppSession session, ParseResult parse, Argument<string> name, Option<string?> revision, Option<string?> cache, CancellationToken ct)
    {
        {
            var raw = await session.GetAsync(parse.GetValue(name)!, ct);
            var app = Application.Parse(raw);
            var cacheDir = parse.GetValue(cache) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "git-cli");
            using var git = new RepositoryCache(cacheDir);
            var comparison = await session.Terminal.ProgressAsync($"Comparing {app.Name} with Git",
                _ => session.Call(() => ApplicationInspector.CompareAsync(session.Client, app, git, parse.GetValue(revision), session.Clusters, ct)));
            if (comparison.Errors.Count > 0)
                throw new CliException($"cannot compare {app.Name}: {string.Join("; ", comparison.Errors)}", 2);
            var differences = 0;
            foreach (var r in comparison.Compared.Where(r => r.Modified || r.RequiresPruning)
                .OrderBy(r => r.Id.Namespace, StringComparer.Ordinal).ThenBy(r => r.Id.Kind, StringComparer.Ordinal).ThenBy(r => r.Id.Name, StringComparer.Ordinal))
            {
                var title = Title(r.Id.Group, r.Id.Kind, r.Id.Namespace, r.Id.Name);
                string text;
                if (r.RequiresPruning) text = UnifiedDiff.Render(title, r.Live is null ? null : Normalizer.Normalize(r.Live), null);
                else if (r.Live is null || r.Predicted is null) text = UnifiedDiff.Render(title, r.Live is null ? null : Normalizer.Normalize(r.Live), Normalizer.Normalize(r.Predicted ?? r.Desired!));
                else
                {
                    var result = comparison.Diff(r.Predicted, r.Live);
                    text = UnifiedDiff.Render(title, result.NormalizedLive, result.NormalizedTarget);
                }
                if (Print(session.Terminal, title, text, r.RequiresPruning ? " (to be pruned)" : r.Live is null ? " (to be created)" : "")) differences++;
            }
            return differences > 0 ? 1 : 0;
        }
    }

    /// <summary>
    /// The server's comparison (<c>…/managed-resources</c>): per object its normalized live state and the state a sync
    /// would leave (Secrets masked by the server). --revision needs a local comparison (--core).
    /// </summary>
    private static async Task<int> ServerDiffAsync(ServerBackend server, string name, string? revision, CancellationToken ct)
    {
        if (revision is not null) throw new CliException("--revision compares on this machine: pass --core (or --kubeconfig) to use it", 2);
        var items = await server.ManagedResourcesAsync(name, ct);
        var differences = 0;
        foreach (var item in items.OrderBy(i => i["namespace"]?.ToString(), StringComparer.Ordinal).ThenBy(i => i["kind"]?.ToString(), StringComparer.Ordinal).ThenBy(i => i["name"]?.ToString(), StringComparer.Ordinal))
        {
            var live = State(item, "normalizedLiveState") ?? State(item, "liveState");
            var target = State(item, "predictedLiveState") ?? State(item, "targetState");
            if (live is null && target is null) continue;
            var title = Title(item["group"]?.ToString() ?? "", item["kind"]?.ToString() ?? "", item["namespace"]?.ToString() ?? "", item["name"]?.ToString() ?? "");
            var text = UnifiedDiff.Render(title, live is null ? null : Normalizer.Normalize(live), target is null ? null : Normalizer.Normalize(target));
            if (Print(server.Terminal, title, text, target is null ? " (to be pruned)" : live is null ? " (to be created)" : "")) differences++;
        }
        return differences > 0 ? 1 : 0;
    }

    /// <summary>A managed resource's state: a JSON document in a string, "null" or absent when there is none.</summary>
    private static System.Text.Json.Nodes.JsonObject? State(System.Text.Json.Nodes.JsonObject item, string key) =>
        item[key]?.ToString() is { Length: > 0 } json ? System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject : null;

    private static string Title(string group, string kind, string ns, string name) =>
        $"{(group.Length == 0 ? "" : group + "/")}{kind} {(ns.Length == 0 ? "" : ns + "/")}{name}";

    private static bool Print(Terminal terminal, string title, string text, string note)
    {
        if (text.Length == 0) return false;
        Terminal.Line($"===== {title} ======{note}");
        foreach (var line in text.TrimEnd('\n').Split('\n')) Terminal.Line(Colour(terminal, line));
        Terminal.Line();
        return true;
    }

    private static string Colour(Terminal terminal, string line) => line switch
    {
        _ when line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) => terminal.Paint(line, "1"),
        _ when line.StartsWith("@@", StringComparison.Ordinal) => terminal.Paint(line, "36"),
        _ when line.StartsWith('-') => terminal.Paint(line, "31"),
        _ when line.StartsWith('+') => terminal.Paint(line, "32"),
        _ => line,
    };
}
