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
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var raw = await session.GetAsync(parse.GetValue(name)!, ct);
            var app = Application.Parse(raw);
            var cacheDir = parse.GetValue(cache) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "git-cli");
            using var git = new RepositoryCache(cacheDir);
            var comparison = await session.Terminal.ProgressAsync($"Comparing {app.Name} with Git",
                _ => session.Call(() => ApplicationInspector.CompareAsync(session.Client, app, git, parse.GetValue(revision), session.Clusters, ct)));
            if (comparison.Errors.Count > 0)
                throw new CliException($"cannot compare {app.Name}: {string.Join("; ", comparison.Errors)}", 2);
            var ignore = (app.Spec.IgnoreDifferences ?? []).Select(d => new IgnoreDifference(d.Group, d.Kind, d.Name, d.Namespace,
                d.JsonPointers ?? [], d.JqPathExpressions ?? [], d.ManagedFieldsManagers ?? [])).ToList();
            var differences = 0;
            foreach (var r in comparison.Compared.Where(r => r.Modified || r.RequiresPruning)
                .OrderBy(r => r.Id.Namespace, StringComparer.Ordinal).ThenBy(r => r.Id.Kind, StringComparer.Ordinal).ThenBy(r => r.Id.Name, StringComparer.Ordinal))
            {
                var title = $"{(r.Id.Group.Length == 0 ? "" : r.Id.Group + "/")}{r.Id.Kind} {(r.Id.Namespace.Length == 0 ? "" : r.Id.Namespace + "/")}{r.Id.Name}";
                string text;
                if (r.RequiresPruning) text = UnifiedDiff.Render(title, r.Live is null ? null : Normalizer.Normalize(r.Live), null);
                else if (r.Live is null || r.Predicted is null) text = UnifiedDiff.Render(title, r.Live is null ? null : Normalizer.Normalize(r.Live), Normalizer.Normalize(r.Predicted ?? r.Desired!));
                else
                {
                    var result = ResourceDiff.Compare(r.Predicted, r.Live, ignore);
                    text = UnifiedDiff.Render(title, result.NormalizedLive, result.NormalizedTarget);
                }
                if (text.Length == 0) continue;
                differences++;
                Terminal.Line($"===== {title} ======{(r.RequiresPruning ? " (to be pruned)" : r.Live is null ? " (to be created)" : "")}");
                foreach (var line in text.TrimEnd('\n').Split('\n')) Terminal.Line(Colour(session.Terminal, line));
                Terminal.Line();
            }
            return differences > 0 ? 1 : 0;
        }, errorExitCode: 2));
        return command;
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
