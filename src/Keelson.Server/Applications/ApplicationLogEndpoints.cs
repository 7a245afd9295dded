using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Keelson.Server.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Applications;

/// <summary>
/// <c>GET /api/v1/applications/{name}/logs</c> and <c>…/pods/{podName}/logs</c>: the logs of the Application's pods
/// (those of its resource tree that the query selects: a pod, or every pod under a Deployment, …), read from the
/// destination cluster's pods/log and streamed as <c>{"result":{content,timeStamp,timeStampStr,podName,last}}</c>
/// messages (<see cref="ResultStream"/>). Without <c>follow</c> the lines of all pods are sent in time order and the
/// stream ends with a <c>last: true</c> message; with it, lines are sent as they come until every pod's log ends.
/// Needs <c>applications, get</c> and <c>logs, get</c> on the Application.
/// </summary>
public static class ApplicationLogEndpoints
{
    /// <summary>Argo CD's default <c>server.maxPodLogsToRender</c>.</summary>
    private const int MaxPods = 10;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications").RequireCaller();
        group.MapGet("/{name}/logs", (HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, ApplicationSources sources) =>
            LogsAsync(context, name, null, cache, rbac, options, sources));
        group.MapGet("/{name}/pods/{podName}/logs", LogsAsync);
    }

    private static async Task LogsAsync(HttpContext context, string name, string? podName, ApplicationCache cache, RbacService rbac, ServerOptions options,
        ApplicationSources sources)
    {
        var (query, error) = PodLogQuery.From(context.Request.Query, podName);
        var refusal = query is null ? ArgoError.InvalidArgument(error!) : query.PodName.Length > 0 ? ApplicationReadEndpoints.InvalidName(query.PodName, "pod name") : null;
        CachedApplication? app = null;
        if (refusal is null) (app, refusal) = ApplicationReadEndpoints.Find(context, cache, rbac, options, name);
        if (refusal is null)
        {
            var decision = rbac.Enforcer.EnforceClaims(context.Caller(), new RbacRequest(RbacResource.Logs, RbacAction.Get, ApplicationEndpoints.ObjectOf(app!, options)));
            if (!decision.Allowed) refusal = ArgoError.PermissionDenied(decision.DenialMessage ?? "permission denied");
        }
        var destination = refusal is null ? sources.Clusters.Resolve(Application.Parse(app!.Object).Spec.Destination) : null;
        if (refusal is null && destination is null) refusal = ArgoError.InvalidArgument($"application {name}: its destination cluster is not known to Keelson");
        List<(string Namespace, string Name)> pods = [];
        if (refusal is null) (pods, refusal) = await SelectPodsAsync(app!, query!, destination!.Client, context.RequestAborted);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        await StreamAsync(context, query!, destination!.Client, pods, options.Time);
    }

    /// <summary>The pods of the tree the query selects: those matching kind, group, name and namespace, or under a node that does.</summary>
    private static async Task<(List<(string Namespace, string Name)> Pods, IResult? Error)> SelectPodsAsync(CachedApplication app, PodLogQuery query, KubeClient cluster,
        CancellationToken cancellationToken)
    {
        var tree = await ResourceTree.BuildAsync(app.Object, cluster, cancellationToken);
        var nodes = (tree["nodes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var byUid = nodes.Where(n => n["uid"]?.ToString() is { Length: > 0 }).ToDictionary(n => n["uid"]!.ToString(), StringComparer.Ordinal);
        bool Matches(JsonObject n) =>
            (query.ResourceName.Length == 0 || n["name"]?.ToString() == query.ResourceName)
            && (query.Kind.Length == 0 || n["kind"]?.ToString() == query.Kind)
            && (query.Group.Length == 0 || (n["group"]?.ToString() ?? "") == query.Group)
            && (query.Namespace.Length == 0 || n["namespace"]?.ToString() == query.Namespace);
        bool Selected(JsonObject n, int depth) =>
            Matches(n) || (depth < 16 && (n["parentRefs"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(p => p["uid"]?.ToString() is { } uid && byUid.TryGetValue(uid, out var parent) && Selected(parent, depth + 1)));
        var pods = nodes.Where(n => n["kind"]?.ToString() == "Pod" && n["group"] is null && n["uid"]?.ToString() is { Length: > 0 } && Selected(n, 0))
            .Select(n => (n["namespace"]?.ToString() ?? "", n["name"]!.ToString()))
            .ToList();
        if (pods.Count > MaxPods) return (pods, ArgoError.InvalidArgument("max pods to view logs are reached. Please provide more granular query"));
        if (query.ResourceName.Length == 0 || nodes.Any(Matches)) return (pods, null);
        if (query.PodName.Length == 0)
            return (pods, ArgoError.InvalidArgument($"{(query.Kind.Length > 0 ? query.Kind + " " : "")}{query.ResourceName} not found as part of application {app.Name}"));
        // A pod outside the tree: say whether it exists at all.
        var ns = query.Namespace.Length > 0 ? query.Namespace : app.Object["spec"]?["destination"]?["namespace"]?.ToString() ?? "";
        var exists = ns.Length > 0 && await cluster.GetAsync("v1", "Pod", ns, query.PodName, cancellationToken) is not null;
        return (pods, exists
            ? ArgoError.InvalidArgument($"pod {query.PodName} is not part of application {app.Name}")
            : ArgoError.NotFound($"pods \"{query.PodName}\" not found as part of application {app.Name}"));
    }

    private static async Task StreamAsync(HttpContext context, PodLogQuery query, KubeClient cluster, List<(string Namespace, string Name)> pods, TimeProvider time)
    {
        var writer = ResultStream.Start(context);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var cancellationToken = stop.Token;
        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(10_000) { SingleReader = true });
        var readers = pods.Select((pod, index) => ReadPodAsync(cluster, pod.Namespace, pod.Name, index, query, lines.Writer, time, cancellationToken)).ToList();
        _ = Task.WhenAll(readers).ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            if (!query.Follow)
            {
                var all = new List<LogLine>();
                await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken)) all.Add(line);
                // In time order across pods; a pod's own lines keep their order.
                foreach (var line in all.OrderBy(l => l.Time).ThenBy(l => l.Pod).ThenBy(l => l.Sequence))
                    if (await SendAsync(writer, query, line, cancellationToken)) return;
            }
            else
            {
                while (true)
                {
                    var pending = lines.Reader.WaitToReadAsync(cancellationToken).AsTask();
                    await writer.WaitAsync(pending, cancellationToken);
                    if (!await pending) break;
                    while (lines.Reader.TryRead(out var line))
                        if (await SendAsync(writer, query, line, cancellationToken)) return;
                }
            }
            var now = time.GetUtcNow();
            await writer.WriteResultAsync(Entry("", now, "", last: true), cancellationToken);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Sends a line the filter lets through; true when it was past <c>untilTime</c> and so ended the stream.</summary>
    private static async Task<bool> SendAsync(ResultStream writer, PodLogQuery query, LogLine line, CancellationToken cancellationToken)
    {
        if (!query.Passes(line.Content)) return false;
        var past = query.UntilTime is { } until && line.Time > until;
        await writer.WriteResultAsync(Entry(line.Content, line.Time, line.PodName, past), cancellationToken);
        return past;
    }

    private static JsonObject Entry(string content, DateTimeOffset time, string podName, bool last) => new()
    {
        ["content"] = content,
        ["timeStamp"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["last"] = last,
        ["timeStampStr"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ["podName"] = podName,
    };

    /// <summary>
    /// Reads one pod's log into <paramref name="lines"/>. When the cluster refuses (a container still waiting, a
    /// container the pod does not have), its message is sent as a line, as Argo CD shows it in the UI.
    /// </summary>
    private static async Task ReadPodAsync(KubeClient cluster, string ns, string pod, int index, PodLogQuery query, ChannelWriter<LogLine> lines, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var sequence = 0L;
        try
        {
            using var response = await cluster.OpenStreamAsync(
                $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}/log?{query.ClusterQuery()}", cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                if (text.Length == 0) continue;
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                var stamp = space < 0 ? text : text[..space];
                if (!DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
                {
                    at = time.GetUtcNow();
                    space = -1;
                }
                var content = space < 0 ? text : text[(space + 1)..];
                foreach (var part in content.Split('\r')) await lines.WriteAsync(new LogLine(pod, index, sequence++, at, part), cancellationToken);
            }
        }
        catch (KubeApiException ex)
        {
            await lines.WriteAsync(new LogLine(pod, index, sequence, time.GetUtcNow(), ex.Message), cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException && cancellationToken.IsCancellationRequested)
        {
            // The stream was stopped.
        }
    }

    private sealed record LogLine(string PodName, int Pod, long Sequence, DateTimeOffset Time, string Content);
}
