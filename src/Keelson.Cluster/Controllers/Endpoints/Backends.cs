using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Endpoints;

/// <summary>One pod behind a Service: its address and whether it is ready to serve.</summary>
internal sealed record Backend(JsonObject Pod, string IP, bool Ready);

/// <summary>The backends that share one resolution of the Service's ports.</summary>
internal sealed record BackendGroup(IReadOnlyList<(string Name, int Port, string Protocol)> Ports, IReadOnlyList<Backend> Backends);

/// <summary>Which pods back a Service and on which ports (endpoints.ShouldPodBeInEndpoints, podutil.FindPort).</summary>
internal static class Backends
{
    public static List<BackendGroup> Group(JsonObject service, IEnumerable<JsonObject> pods, bool publishNotReady)
    {
        var groups = new Dictionary<string, (List<(string, int, string)> Ports, List<Backend> Backends)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (PodState.PodIP(pod) is not { } ip) continue;
            if (PodState.Phase(pod) is "Succeeded" or "Failed") continue;
            if (pod.GetPath("metadata", "deletionTimestamp") is not null && !publishNotReady) continue;
            var ports = Resolve(service, pod);
            var key = string.Join(",", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = (ports, []);
            group.Backends.Add(new Backend(pod, ip, publishNotReady || PodState.IsReady(pod)));
        }
        return groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BackendGroup(g.Value.Ports, g.Value.Backends.OrderBy(b => b.IP, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The Service's ports on this pod: a numeric targetPort as is, a named one by the pod's container ports.</summary>
    private static List<(string Name, int Port, string Protocol)> Resolve(JsonObject service, JsonObject pod)
    {
        var result = new List<(string, int, string)>();
        foreach (var port in (service.GetPath("spec", "ports") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var protocol = port.GetString("protocol") ?? "TCP";
            var target = port["targetPort"] ?? port["port"];
            int? number = Numbers.Int(target);
            if (number is null && target?.ToString() is { Length: > 0 } named)
            {
                number = int.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : FindNamedPort(pod, named, protocol);
            }
            if (number is { } resolved) result.Add((port.GetString("name") ?? "", resolved, protocol));
        }
        return result;
    }

    private static int? FindNamedPort(JsonObject pod, string name, string protocol)
    {
        foreach (var container in (pod.GetPath("spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            foreach (var port in (container["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (port.GetString("name") == name && (port.GetString("protocol") ?? "TCP") == protocol) return Numbers.Int(port["containerPort"]);
            }
        }
        return null;
    }
}
