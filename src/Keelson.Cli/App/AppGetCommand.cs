using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>`keelson app get NAME`: an Application's summary, conditions, last operation and resources (a table, or the live tree with -o tree).</summary>
public static class AppGetCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var output = AppCommand.Output("Output format: json, yaml, wide, tree (default: summary and a resource table).", "json", "yaml", "wide", "tree");
        var refresh = new Option<bool>("--refresh") { Description = "Ask the engine to compare with Git again now, and show the result." };
        var hardRefresh = new Option<bool>("--hard-refresh") { Description = "As --refresh, also fetching Git and rendering again (no cache)." };
        var command = new Command("get", "Show an Application.") { name, output, refresh, hardRefresh };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            var appName = parse.GetValue(name)!;
            var raw = await session.GetAsync(appName, ct);
            if (parse.GetValue(refresh) || parse.GetValue(hardRefresh))
                raw = await session.RefreshAsync(appName, parse.GetValue(hardRefresh) ? "hard" : "normal", ct);
            switch (parse.GetValue(output))
            {
                case "json":
                    Terminal.Json(raw);
                    return 0;
                case "yaml":
                    Terminal.Yaml(raw);
                    return 0;
            }
            var app = Application.Parse(raw);
            PrintSummary(session.Terminal, app, raw);
            Terminal.Line();
            if (parse.GetValue(output) == "tree")
            {
                if (session is ServerBackend server) await PrintServerTreeAsync(server, app, ct);
                else await PrintTreeAsync((AppSession)session, app, ct);
            }
            else PrintResources(session.Terminal, app, parse.GetValue(output) == "wide");
            return 0;
        }));
        return command;
    }

    public static void PrintSummary(Terminal terminal, Application app, JsonObject raw)
    {
        var source = app.PrimarySource;
        var sync = app.Status.Sync;
        var syncText = terminal.Status(sync?.Status ?? "Unknown");
        if (sync?.Revision is { Length: > 0 } revision) syncText += $" to {AppView.Target(app)} ({AppView.Short(revision)})";
        var health = terminal.Status(AppView.Health(app)) + (app.Status.Health?.Message is { Length: > 0 } m ? $" ({m})" : "");
        Terminal.Fields(
        [
            ("Name", $"{app.Namespace}/{app.Name}"),
            ("Project", app.Spec.ProjectName),
            ("Server", AppView.Cluster(app)),
            ("Namespace", app.Spec.Destination.Namespace ?? ""),
            ("Repo", source?.RepoUrl ?? ""),
            ("Target", AppView.Target(app)),
            ("Path", source?.Path ?? source?.Chart ?? ""),
            ("Sync Policy", AppView.SyncPolicy(app)),
            ("Sync Status", syncText),
            ("Health Status", health),
            ("Images", string.Join(", ", app.Status.Summary?.Images ?? [])),
        ]);
        if (app.Status.Conditions is { Count: > 0 } conditions)
        {
            Terminal.Line();
            Terminal.Line("CONDITION                MESSAGE                                                      LAST TRANSITION");
            foreach (var c in conditions)
                Terminal.Line($"{terminal.Paint(c.Type.PadRight(24), c.Type.EndsWith("Warning", StringComparison.Ordinal) || c.Type == "AutoSyncSuspended" ? "33" : "31")} {c.Message.PadRight(60)} {c.LastTransitionTime}");
        }
        if (AppView.RunningOperation(raw) is { } pending && app.Status.OperationState is not { Phase: "Running" })
        {
            Terminal.Line();
            Terminal.Fields([("Operation", $"Sync requested ({pending}), not started yet")]);
        }
        else if (app.Status.OperationState is { } op)
        {
            Terminal.Line();
            Terminal.Fields(
            [
                ("Operation", op.Operation?.Sync?.DryRun == true ? "Sync (dry run)" : "Sync"),
                ("Sync Revision", op.SyncResult?.Revision ?? op.Operation?.Sync?.Revision ?? ""),
                ("Phase", terminal.Status(op.Phase)),
                ("Start", op.StartedAt ?? ""),
                ("Finished", op.FinishedAt ?? ""),
                ("Initiated By", op.Operation?.InitiatedBy is { } by ? (by.Automated ? "automated sync policy" : by.Username ?? "") : ""),
                ("Message", op.Message ?? ""),
            ]);
        }
    }

    public static void PrintResources(Terminal terminal, Application app, bool wide)
    {
        var resources = app.Status.Resources ?? [];
        string[] headers = wide ? ["GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "HOOK", "MESSAGE", "VERSION", "WAVE"] : ["GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "HOOK", "MESSAGE"];
        terminal.Table(headers, resources.Select(r =>
        {
            var row = new List<string>
            {
                r.Group, r.Kind, r.Namespace ?? "", r.Name,
                r.RequiresPruning == true ? "OutOfSync (requires pruning)" : r.Status ?? "", r.Health?.Status ?? "", r.Hook == true ? "yes" : "", r.Health?.Message ?? "",
            };
            if (wide)
            {
                row.Add(r.Version);
                row.Add(r.SyncWave?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0");
            }
            return (IReadOnlyList<string>)row;
        }), (column, cell) => column is 4 or 5 ? terminal.Status(cell) : cell);
    }

    /// <summary>
    /// The resource tree: the managed objects by namespace, each with the live objects it owns (ReplicaSets, Pods,
    /// Jobs…, through ownerReferences), read from the destination cluster.
    /// </summary>
    private static async Task PrintTreeAsync(AppSession session, Application app, CancellationToken ct)
    {
        var root = new TreeItem($"Application {app.Name} ({AppView.SyncStatus(app)}, {AppView.Health(app)})");
        var cluster = session.Clusters.Resolve(app.Spec.Destination);
        var children = cluster is null ? null : await OwnedObjectsAsync(session, cluster.Client, app, ct);
        foreach (var group in (app.Status.Resources ?? []).GroupBy(r => r.Namespace ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parent = root;
            if (group.Key.Length > 0)
            {
                parent = new TreeItem($"Namespace {group.Key}");
                root.Children.Add(parent);
            }
            foreach (var r in group.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                var kind = r.Group.Length == 0 ? r.Kind : $"{r.Group}/{r.Kind}";
                var item = new TreeItem(Join($"{kind} {r.Name}", r.RequiresPruning == true ? "OutOfSync (requires pruning)" : r.Status, r.Health?.Status, r.Health?.Message));
                parent.Children.Add(item);
                if (children is not null && cluster is not null)
                {
                    var type = await session.Call(() => cluster.Client.FindPreferredAsync(r.Group, r.Kind, ct));
                    var live = type is null ? null : await session.Call(() => cluster.Client.GetAsync(type, type.Namespaced ? r.Namespace : null, r.Name, ct));
                    if (live?.GetUid() is { } uid) AddOwned(item, uid, children, 0);
                }
            }
        }
        if (cluster is null) root.Children.Add(new TreeItem($"(live objects not shown: destination {AppView.Cluster(app)} is not in the kubeconfig; name its context with --cluster)"));
        session.Terminal.Tree(root);
    }

    /// <summary>The resource tree as the server builds it (<c>…/resource-tree</c>): managed objects by namespace, owned objects under their parents.</summary>
    private static async Task PrintServerTreeAsync(ServerBackend server, Application app, CancellationToken ct)
    {
        var nodes = ((await server.ResourceTreeAsync(app.Name, ct))["nodes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var byParent = nodes.SelectMany(n => (n["parentRefs"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (Parent: p["uid"]?.ToString() ?? "", Node: n)))
            .GroupBy(x => x.Parent, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Node).ToList(), StringComparer.Ordinal);
        var status = (app.Status.Resources ?? []).DistinctBy(r => $"{r.Group}/{r.Kind}/{r.Namespace}/{r.Name}").ToDictionary(r => $"{r.Group}/{r.Kind}/{r.Namespace}/{r.Name}", r => r.RequiresPruning == true ? "OutOfSync (requires pruning)" : r.Status, StringComparer.Ordinal);
        var root = new TreeItem($"Application {app.Name} ({AppView.SyncStatus(app)}, {AppView.Health(app)})");
        foreach (var group in nodes.Where(n => n["parentRefs"] is not JsonArray { Count: > 0 }).GroupBy(n => n["namespace"]?.ToString() ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parent = root;
            if (group.Key.Length > 0)
            {
                parent = new TreeItem($"Namespace {group.Key}");
                root.Children.Add(parent);
            }
            foreach (var node in group.OrderBy(n => n["kind"]?.ToString(), StringComparer.Ordinal).ThenBy(n => n["name"]?.ToString(), StringComparer.Ordinal))
                parent.Children.Add(Node(node, status.GetValueOrDefault(AppView.NodeKey(node)), 0));
        }
        server.Terminal.Tree(root);

        TreeItem Node(JsonObject node, string? sync, int depth)
        {
            var group = node["group"]?.ToString() ?? "";
            var kind = group.Length == 0 ? node["kind"]?.ToString() : $"{group}/{node["kind"]}";
            var item = new TreeItem(Join($"{kind} {node["name"]}", sync, node.GetPath("health", "status")?.ToString(), node.GetPath("health", "message")?.ToString()));
            if (depth < 5 && node["uid"]?.ToString() is { } uid && byParent.TryGetValue(uid, out var children))
                foreach (var child in children.OrderBy(c => c["kind"]?.ToString(), StringComparer.Ordinal).ThenBy(c => c["name"]?.ToString(), StringComparer.Ordinal))
                    item.Children.Add(Node(child, null, depth + 1));
            return item;
        }
    }

    private static void AddOwned(TreeItem item, string uid, Dictionary<string, List<JsonObject>> children, int depth)
    {
        if (depth > 5 || !children.TryGetValue(uid, out var owned)) return;
        foreach (var child in owned.OrderBy(c => c.GetKind(), StringComparer.Ordinal).ThenBy(c => c.GetName(), StringComparer.Ordinal))
        {
            var health = Keelson.Engine.Health.HealthRules.Assess(child);
            var phase = child.GetPath("status", "phase")?.ToString();
            var node = new TreeItem(Join($"{child.GetKind()} {child.GetName()}", phase, health?.Status.ToString(), health?.Message));
            item.Children.Add(node);
            if (child.GetUid() is { } childUid) AddOwned(node, childUid, children, depth + 1);
        }
    }

    private static string Join(string head, params string?[] parts) =>
        string.Join("  ", new[] { head }.Concat(parts.Where(p => !string.IsNullOrEmpty(p)))!);

    /// <summary>The objects of the kinds that are usually owned (ReplicaSet, Pod, Job, ControllerRevision) in the app's namespaces, by owner uid.</summary>
    private static async Task<Dictionary<string, List<JsonObject>>> OwnedObjectsAsync(AppSession session, KubeClient client, Application app, CancellationToken ct)
    {
        var byOwner = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        var namespaces = (app.Status.Resources ?? []).Select(r => r.Namespace).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (apiVersion, kind) in new[] { ("apps/v1", "ReplicaSet"), ("v1", "Pod"), ("batch/v1", "Job"), ("apps/v1", "ControllerRevision") })
        {
            var type = await session.Call(() => client.FindAsync(apiVersion, kind, ct));
            if (type is null) continue;
            foreach (var ns in namespaces)
            {
                var (items, _) = await session.Call(() => client.ListAsync(type, ns, null, ct));
                foreach (var item in items)
                {
                    foreach (var owner in item.GetPath("metadata", "ownerReferences") as JsonArray ?? [])
                    {
                        if (owner?["uid"]?.ToString() is not { } uid) continue;
                        if (!byOwner.TryGetValue(uid, out var list)) byOwner[uid] = list = [];
                        list.Add(item);
                    }
                }
            }
        }
        return byOwner;
    }
}
