using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// The log of one run of a simulated container. No process runs, so the log is told from the pod's status: the
/// image, when the run started, when the container became ready (the pod's ContainersReady time) and how it exited.
/// Pure: it reads only the pod it is given.
/// </summary>
internal sealed record ContainerLog(string ContainerId, IReadOnlyList<ContainerLogLine> Lines, bool Ended)
{
    /// <summary>
    /// The log the kubelet serves for <paramref name="container"/>: its current run (a container waiting to restart
    /// shows the run that ended), or with <paramref name="previous"/> the last terminated run. Throws 400 BadRequest,
    /// worded as the kubelet words it, when there is none. Does not check that the pod has the container.
    /// </summary>
    public static ContainerLog Read(JsonObject pod, string container, bool previous)
    {
        var refusal = $"container \"{container}\" in pod \"{pod.GetName()}\"";
        var status = StatusOf(pod, container) ?? throw ApiErrors.BadRequest($"{refusal} is not available");
        var state = status["state"] as JsonObject;
        var lastRun = status.GetPath("lastState", "terminated") is JsonObject last && HasId(last) ? last : null;
        if (previous)
        {
            return lastRun is not null ? Terminated(status, lastRun) : throw ApiErrors.BadRequest($"previous terminated {refusal} not found");
        }
        if (state?["running"] is JsonObject running) return Running(pod, status, running);
        if (state?["terminated"] is JsonObject terminated && HasId(terminated)) return Terminated(status, terminated);
        if (lastRun is not null) return Terminated(status, lastRun);
        if (state?["terminated"] is not null) throw ApiErrors.BadRequest($"{refusal} is terminated");
        var reason = (state?["waiting"] as JsonObject)?.GetString("reason");
        throw ApiErrors.BadRequest(reason switch
        {
            null => $"{refusal} is waiting to start - no logs yet",
            "ErrImagePull" => $"{refusal} is waiting to start: image can't be pulled",
            "ImagePullBackOff" => $"{refusal} is waiting to start: trying and failing to pull image",
            _ => $"{refusal} is waiting to start: {reason}",
        });
    }

    /// <summary>The log of the run <paramref name="containerId"/> as the pod shows it now; null when the pod no longer shows that run.</summary>
    public static ContainerLog? ReadRun(JsonObject pod, string container, string containerId)
    {
        var status = StatusOf(pod, container);
        if (status?["state"] is not JsonObject state) return null;
        if (state["running"] is JsonObject running && status.GetString("containerID") == containerId) return Running(pod, status, running);
        if (state["terminated"] is JsonObject terminated && terminated.GetString("containerID") == containerId) return Terminated(status, terminated);
        if (status.GetPath("lastState", "terminated") is JsonObject last && last.GetString("containerID") == containerId) return Terminated(status, last);
        return null;
    }

    private static JsonObject? StatusOf(JsonObject pod, string container) =>
        new[] { "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses" }
            .SelectMany(list => pod.GetPath("status", list) is JsonArray statuses ? statuses.OfType<JsonObject>() : [])
            .FirstOrDefault(s => s.GetString("name") == container);

    private static bool HasId(JsonObject state) => state.GetString("containerID") is { Length: > 0 };

    private static ContainerLog Running(JsonObject pod, JsonObject status, JsonObject running)
    {
        var lines = Started(status, running, Time(pod.GetPath("status", "startTime")));
        if (status["ready"] is JsonValue ready && ready.TryGetValue<bool>(out var isReady) && isReady)
        {
            // The status has no per-container ready time; the pod's ContainersReady is the nearest.
            var containersReady = pod.GetPath("status", "conditions") is JsonArray conditions
                ? conditions.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "ContainersReady" && c.GetString("status") == "True")
                : null;
            var at = Time(containersReady?["lastTransitionTime"]) is { } t && t >= lines[0].Time ? t : lines[0].Time;
            lines.Add(new ContainerLogLine(at, $"keelson: ready at {KubeTime.Format(at)}"));
        }
        return new ContainerLog(status.GetString("containerID") ?? "", lines, Ended: false);
    }

    private static ContainerLog Terminated(JsonObject status, JsonObject terminated)
    {
        var finished = Time(terminated["finishedAt"]);
        var lines = Started(status, terminated, finished);
        var at = finished ?? lines[0].Time;
        var exitCode = terminated["exitCode"]?.ToJsonString() ?? "0";
        lines.Add(new ContainerLogLine(at, $"keelson: exited with code {exitCode} ({terminated.GetString("reason")}) at {KubeTime.Format(at)}"));
        return new ContainerLog(terminated.GetString("containerID") ?? "", lines, Ended: true);
    }

    /// <summary>The lines every run begins with: what it runs and when it started (<paramref name="fallback"/> when the state has no start).</summary>
    private static List<ContainerLogLine> Started(JsonObject status, JsonObject state, DateTimeOffset? fallback)
    {
        var started = Time(state["startedAt"]) ?? fallback ?? DateTimeOffset.UnixEpoch;
        return
        [
            new ContainerLogLine(started, $"keelson: simulated container {status.GetString("name")}, image {status.GetString("image")}"),
            new ContainerLogLine(started, $"keelson: started at {KubeTime.Format(started)}"),
        ];
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
