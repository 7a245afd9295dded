using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Keelson.Cli.Api;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app` through Keelson's API server, with the caller's RBAC: Argo CD's ApplicationService over REST
/// (<c>/api/v1/applications…</c>), each verb one call as `argocd app` makes it. The server's refusals reach the user as
/// the server words them (<c>permission denied: applications, sync, production/web-prod, sub: bob, …</c>).
/// </summary>
public sealed class ServerBackend(ApiClient api, Terminal terminal) : IAppBackend
{
    private const string Applications = "api/v1/applications";
    private static readonly TimeSpan ReadYourWrites = TimeSpan.FromSeconds(10);

    /// <summary>The resourceVersion of the Application as this CLI's last write left it (0: none yet).</summary>
    private long _written;

    public ApiClient Api { get; } = api;

    public Terminal Terminal { get; } = terminal;

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string? selector, IReadOnlyList<string> projects, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (selector is { Length: > 0 }) query.Add("selector=" + ApiClient.Escape(selector));
        query.AddRange(projects.Select(p => "projects=" + ApiClient.Escape(p)));
        var list = await Api.GetAsync(Applications + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken);
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(raw => projects.Count == 0 || projects.Contains(Application.Parse(raw).Spec.ProjectName, StringComparer.Ordinal))
            .OrderBy(i => i.GetName(), StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The server reads from a cache that follows the cluster a moment behind; after a write this waits (briefly) until
    /// the answer includes it, so that a wait for a sync does not see the last operation's result.
    /// </summary>
    public async Task<JsonObject> GetAsync(string name, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var app = (await Api.GetAsync(Path(name), cancellationToken)).AsObject();
            if (VersionOf(app) >= _written || clock.Elapsed > ReadYourWrites) return app;
            await Task.Delay(AppWaiter.Interval, cancellationToken);
        }
    }

    private static long VersionOf(JsonNode? app) => long.TryParse(app?["metadata"]?["resourceVersion"]?.ToString(), out var v) ? v : 0;

    /// <summary>Sends a write and remembers the resourceVersion of the Application it answers with.</summary>
    private async Task<JsonNode> WriteAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var answer = await Api.SendAsync(method, path, body, cancellationToken);
        _written = Math.Max(_written, VersionOf(answer));
        return answer;
    }

    /// <summary>
    /// <c>GET /api/v1/stream/applications?name=NAME</c> (NDJSON): the Application as it is, then each time it changes,
    /// skipping states older than this CLI's last write. Ends when the server ends the stream or the Application is
    /// deleted; a broken or unserved stream is a <see cref="CliException"/>.
    /// </summary>
    public async IAsyncEnumerable<JsonObject> WatchAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in Api.StreamAsync($"api/v1/stream/applications?name={ApiClient.Escape(name)}", cancellationToken))
        {
            if (change["application"] is not JsonObject app || app.GetName() != name) continue;
            if (change["type"]?.ToString() == "DELETED") yield break;
            if (VersionOf(app) >= _written) yield return app;
        }
    }

    /// <summary>By listing with <c>name=</c>: a GET of an Application that does not exist is a 403, so that its existence is not told.</summary>
    public async Task<JsonObject?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var list = await Api.GetAsync($"{Applications}?name={ApiClient.Escape(name)}", cancellationToken);
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a.GetName() == name);
    }

    /// <summary><c>GET …/NAME?refresh=normal|hard</c>, which the server answers once the engine has reconciled.</summary>
    public async Task<JsonObject> RefreshAsync(string name, string kind, CancellationToken cancellationToken) =>
        await Terminal.ProgressAsync($"Refreshing {name}", async _ => (await Api.GetAsync($"{Path(name)}?refresh={kind}", cancellationToken)).AsObject());

    public async Task<bool> CreateAsync(JsonObject app, bool upsert, CancellationToken cancellationToken)
    {
        var existed = await FindAsync(app.GetName()!, cancellationToken) is not null;
        await WriteAsync(HttpMethod.Post, $"{Applications}?upsert={(upsert ? "true" : "false")}", app, cancellationToken);
        return !existed;
    }

    public Task DeleteAsync(Application app, bool cascade, string propagation, CancellationToken cancellationToken) =>
        Api.SendAsync(HttpMethod.Delete, $"{Path(app.Name)}?cascade={(cascade ? "true" : "false")}{(cascade ? "&propagationPolicy=" + propagation : "")}", null, cancellationToken);

    /// <summary><c>POST …/NAME/sync</c> with Argo CD's ApplicationSyncRequest (its sync options are <c>{"items":[…]}</c>).</summary>
    public Task SyncAsync(string name, JsonObject sync, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["name"] = name };
        foreach (var (key, value) in sync)
            request[key] = key == "syncOptions" ? new JsonObject { ["items"] = value?.DeepClone() } : value?.DeepClone();
        return WriteAsync(HttpMethod.Post, $"{Path(name)}/sync", request, cancellationToken);
    }

    /// <summary><c>POST …/NAME/rollback</c>; the server refuses one while automated sync is on, as Argo CD's does.</summary>
    public async Task<bool> RollbackAsync(Application app, RevisionHistory entry, bool prune, bool dryRun, CancellationToken cancellationToken)
    {
        await WriteAsync(HttpMethod.Post, $"{Path(app.Name)}/rollback",
            new JsonObject { ["name"] = app.Name, ["id"] = entry.Id, ["prune"] = prune, ["dryRun"] = dryRun }, cancellationToken);
        return false;
    }

    /// <summary><c>PATCH …/NAME</c> with <c>{"patch": "&lt;merge patch&gt;", "patchType": "merge"}</c>.</summary>
    public async Task<JsonObject> PatchAsync(string name, JsonObject patch, CancellationToken cancellationToken) =>
        (await WriteAsync(HttpMethod.Patch, Path(name), new JsonObject { ["name"] = name, ["patch"] = patch.ToJsonString(), ["patchType"] = "merge" }, cancellationToken)).AsObject();

    /// <summary><c>GET …/NAME/resource-tree</c>: the managed objects and the live objects they own.</summary>
    public async Task<JsonObject> ResourceTreeAsync(string name, CancellationToken cancellationToken) =>
        (await Api.GetAsync($"{Path(name)}/resource-tree", cancellationToken)).AsObject();

    /// <summary><c>GET …/NAME/managed-resources</c>: per object its target and live state (JSON strings) as the server compared them.</summary>
    public async Task<IReadOnlyList<JsonObject>> ManagedResourcesAsync(string name, CancellationToken cancellationToken) =>
        ((await Api.GetAsync($"{Path(name)}/managed-resources", cancellationToken))["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary><c>GET …/NAME/manifests[?revision=]</c>: the rendered manifests (JSON strings).</summary>
    public async Task<IReadOnlyList<string>> ManifestsAsync(string name, string? revision, CancellationToken cancellationToken)
    {
        var manifests = await Api.GetAsync($"{Path(name)}/manifests{(revision is { Length: > 0 } r ? "?revision=" + ApiClient.Escape(r) : "")}", cancellationToken);
        return (manifests["manifests"] as JsonArray ?? []).Select(m => m?.ToString() ?? "").ToList();
    }

    /// <summary><c>DELETE …/NAME/operation</c>: terminates the running operation.</summary>
    public Task TerminateOperationAsync(string name, CancellationToken cancellationToken) =>
        Api.SendAsync(HttpMethod.Delete, $"{Path(name)}/operation", null, cancellationToken);

    /// <summary><c>GET …/NAME/logs?…</c>: the log entries (<c>content, podName, timeStampStr, last</c>) as the server streams them.</summary>
    public IAsyncEnumerable<JsonObject> LogsAsync(string name, IReadOnlyDictionary<string, string?> query, CancellationToken cancellationToken) =>
        Api.StreamAsync($"{Path(name)}/logs{Query(query)}", cancellationToken);

    /// <summary><c>GET …/NAME/resource/actions?…</c>: the actions the resource offers.</summary>
    public async Task<IReadOnlyList<JsonObject>> ActionsAsync(string name, IReadOnlyDictionary<string, string?> resource, CancellationToken cancellationToken) =>
        ((await Api.GetAsync($"{Path(name)}/resource/actions{Query(resource)}", cancellationToken))["actions"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary><c>POST …/NAME/resource/actions/v2</c>; a server without v2 gets v1's bare action name with the resource in the query.</summary>
    public async Task RunActionAsync(string name, string action, IReadOnlyDictionary<string, string?> resource, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        var body = new JsonObject { ["name"] = name, ["action"] = action };
        if (parameters is { Count: > 0 })
            body["resourceActionParameters"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Key, ["value"] = p.Value }).ToArray());
        foreach (var (key, value) in resource)
            if (value is not null) body[key] = value;
        try
        {
            await Api.SendAsync(HttpMethod.Post, $"{Path(name)}/resource/actions/v2", body, cancellationToken);
        }
        catch (CliException ex) when (ex.Message.Contains("does not serve", StringComparison.Ordinal))
        {
            await Api.SendAsync(HttpMethod.Post, $"{Path(name)}/resource/actions{Query(resource)}", JsonValue.Create(action), cancellationToken);
        }
    }

    private static string Path(string name) => $"{Applications}/{ApiClient.Escape(name)}";

    private static string Query(IReadOnlyDictionary<string, string?> query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{q.Key}={ApiClient.Escape(q.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public void Dispose() => Api.Dispose();
}
