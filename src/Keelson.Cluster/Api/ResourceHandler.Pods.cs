using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Registry;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

/// <summary>
/// The pod subresources a kubelet serves: <c>log</c> is told from the pod's status by <see cref="ContainerLog"/>;
/// <c>exec</c>, <c>attach</c> and <c>portforward</c> are refused, since no process runs.
/// </summary>
internal sealed partial class ResourceHandler
{
    private Task PodSubresourceAsync(HttpContext context, ResourceRequest request)
    {
        var method = context.Request.Method;
        var allowed = request.Subresource == "log" ? method is "GET" : method is "GET" or "POST";
        if (!allowed) throw ApiErrors.MethodNotAllowed("the server does not allow this method on the requested resource");
        RequireNamespace(request);
        return request.Subresource == "log" ? PodLogAsync(context, request) : throw RefuseConnect(context.Request, request);
    }

    /// <summary>
    /// exec, attach and port-forward (GET for WebSocket, POST for SPDY) answer 400 with a Status: kubectl reads
    /// a Status out of a refused SPDY upgrade and prints its message.
    /// </summary>
    private ApiException RefuseConnect(HttpRequest http, ResourceRequest request)
    {
        var pod = registry.Get(request.Type, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        var action = request.Subresource == "portforward" ? "port-forward" : request.Subresource;
        if (action != "port-forward") ContainerFor(pod, http.Query["container"].ToString());
        return ApiErrors.BadRequest($"pod {request.Name} is simulated by the embedded cluster: {action} is not available; see README");
    }

    /// <summary>
    /// The simulated log as text/plain. With follow, lines are written as the pod's status tells them, until the run
    /// ends, the pod goes or the client hangs up.
    /// </summary>
    private async Task PodLogAsync(HttpContext context, ResourceRequest request)
    {
        var options = PodLogOptions.Parse(context.Request.Query, request.Name!, time.GetUtcNow());
        // A follow watches from before the read, so no change after it is missed (one seen twice writes nothing new).
        var revision = registry.Store.CurrentRevision;
        var pod = registry.Get(request.Type, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        var container = ContainerFor(pod, options.Container);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        // A pod no kubelet runs yet has no log, and kube-apiserver answers with an empty one.
        if (pod.GetPath("spec", "nodeName") is not JsonValue) return;
        var log = ContainerLog.Read(pod, container, options.Previous);

        var writer = new PodLogWriter(context.Response, options);
        var lines = options.TailLines is { } tail ? log.Lines.TakeLast((int)Math.Min(tail, int.MaxValue)) : log.Lines;
        var written = log.Lines.Select(l => l.Text).ToHashSet();
        if (!await writer.WriteAsync(lines, context.RequestAborted) || !options.Follow || log.Ended) return;

        using var watch = registry.Watch(request.Type, request.Namespace, revision);
        try
        {
            while (await watch.Events.WaitToReadAsync(context.RequestAborted))
            {
                while (watch.Events.TryRead(out var change))
                {
                    var current = ObjectCodec.Decode(change.Entry);
                    if (current.GetName() != request.Name) continue;
                    var run = change.Type == StoreEventType.Deleted || current.GetUid() != pod.GetUid() ? null : ContainerLog.ReadRun(current, container, log.ContainerId);
                    if (run is null) return;
                    var fresh = run.Lines.Where(l => written.Add(l.Text)).ToList();
                    if (!await writer.WriteAsync(fresh, context.RequestAborted) || run.Ended) return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client hung up.
        }
    }

    /// <summary>The container a pods/log, exec or attach request names, checked as kube-apiserver checks it (400 BadRequest).</summary>
    private static string ContainerFor(JsonObject pod, string requested)
    {
        var name = pod.GetName();
        var all = new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(list => pod.GetPath("spec", list) is JsonArray items ? items.OfType<JsonObject>() : [])
            .Select(c => c.GetString("name") ?? "")
            .ToList();
        if (requested.Length > 0)
        {
            return all.Contains(requested) ? requested : throw ApiErrors.BadRequest($"container {requested} is not valid for pod {name}");
        }
        var containers = pod.GetPath("spec", "containers") as JsonArray;
        return containers?.Count switch
        {
            1 => (containers[0] as JsonObject)?.GetString("name") ?? "",
            0 or null => throw ApiErrors.BadRequest($"a container name must be specified for pod {name}"),
            _ => throw ApiErrors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", all)}]"),
        };
    }

    /// <summary>Writes log lines (with RFC 3339 times when asked) and keeps to sinceTime and limitBytes.</summary>
    private sealed class PodLogWriter(HttpResponse response, PodLogOptions options)
    {
        private long _remaining = options.LimitBytes ?? long.MaxValue;

        /// <summary>Writes the lines and flushes; false once limitBytes is used up.</summary>
        public async Task<bool> WriteAsync(IEnumerable<ContainerLogLine> lines, CancellationToken cancellationToken)
        {
            foreach (var line in lines)
            {
                if (line.Time < options.Since) continue;
                var text = options.Timestamps ? $"{Rfc3339Nano(line.Time)} {line.Text}\n" : line.Text + "\n";
                var bytes = Encoding.UTF8.GetBytes(text);
                var count = (int)Math.Min(bytes.Length, _remaining);
                await response.Body.WriteAsync(bytes.AsMemory(0, count), cancellationToken);
                _remaining -= count;
                if (_remaining == 0) break;
            }
            await response.Body.FlushAsync(cancellationToken);
            return _remaining > 0;
        }

        /// <summary>Go's time.RFC3339Nano: the fraction without trailing zeros, none at all for a whole second.</summary>
        private static string Rfc3339Nano(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
