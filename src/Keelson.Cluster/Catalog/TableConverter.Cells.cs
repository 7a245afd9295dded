using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class TableConverter
{
    // The logic of kubectl's printPod: a reason wins over the phase; init containers and container states refine it.
    private static JsonNode? PodStatus(JsonObject pod)
    {
        var reason = S(At(pod, "status", "phase"));
        if (S(At(pod, "status", "reason")) is { Length: > 0 } r) reason = r;
        var initializing = false;
        var initStatuses = Items(At(pod, "status", "initContainerStatuses")).ToList();
        var initCount = Items(At(pod, "spec", "initContainers")).Count();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i];
            if (At(c, "state", "terminated") is JsonObject t && N(t["exitCode"]) == 0) continue;
            if (At(c, "state", "terminated") is JsonObject term)
                reason = S(term["reason"]) is { Length: > 0 } tr ? "Init:" + tr : "Init:ExitCode:" + N(term["exitCode"]);
            else if (At(c, "state", "waiting") is JsonObject w && S(w["reason"]) is { Length: > 0 } wr && wr != "PodInitializing")
                reason = "Init:" + wr;
            else reason = $"Init:{i}/{initCount}";
            initializing = true;
            break;
        }
        if (!initializing)
        {
            var hasRunning = false;
            foreach (var c in Items(At(pod, "status", "containerStatuses")).Reverse())
            {
                if (At(c, "state", "waiting") is JsonObject w && S(w["reason"]) is { Length: > 0 } wr) reason = wr;
                else if (At(c, "state", "terminated") is JsonObject t)
                    reason = S(t["reason"]) is { Length: > 0 } tr ? tr : t["signal"] is not null ? $"Signal:{N(t["signal"])}" : $"ExitCode:{N(t["exitCode"])}";
                else if (At(c, "state", "running") is not null && c["ready"] is JsonValue rv && rv.TryGetValue<bool>(out var ready) && ready) hasRunning = true;
            }
            if (reason == "Completed" && hasRunning)
            {
                var podReady = Items(At(pod, "status", "conditions")).Any(c => S(c["type"]) == "Ready" && S(c["status"]) == "True");
                reason = podReady ? "Running" : "NotReady";
            }
        }
        if (pod.GetMetadata()?["deletionTimestamp"] is not null)
            reason = S(At(pod, "status", "reason")) == "NodeLost" ? "Unknown" : "Terminating";
        return reason;
    }

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Items(At(pod, "spec", "readinessGates")).Select(g => S(g["conditionType"])).ToList();
        if (gates.Count == 0) return "<none>";
        var ready = gates.Count(g => Items(At(pod, "status", "conditions")).Any(c => S(c["type"]) == g && S(c["status"]) == "True"));
        return $"{ready}/{gates.Count}";
    }

    private static string ExternalIP(JsonObject svc)
    {
        var type = S(At(svc, "spec", "type"));
        var external = At(svc, "spec", "externalIPs") is JsonArray e ? e.Select(S).ToList() : [];
        switch (type)
        {
            case "ExternalName":
                return S(At(svc, "spec", "externalName"));
            case "LoadBalancer":
                var ingress = Items(At(svc, "status", "loadBalancer", "ingress")).Select(i => S(i["ip"]) is { Length: > 0 } ip ? ip : S(i["hostname"])).ToList();
                var all = ingress.Concat(external).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            default:
                return external.Count > 0 ? string.Join(",", external) : "<none>";
        }
    }

    private static string ServicePorts(JsonObject svc)
    {
        var ports = Items(At(svc, "spec", "ports")).Select(p =>
        {
            var protocol = S(p["protocol"]) is { Length: > 0 } pr ? pr : "TCP";
            var nodePort = N(p["nodePort"]);
            return nodePort > 0 ? $"{N(p["port"])}:{nodePort}/{protocol}" : $"{N(p["port"])}/{protocol}";
        }).ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static long DataCount(JsonObject o, params string[] maps) => maps.Sum(m => (o[m] as JsonObject)?.Count ?? 0);

    private static string EndpointsCell(JsonObject ep)
    {
        var list = new List<string>();
        foreach (var subset in Items(ep["subsets"]))
        {
            var ports = Items(subset["ports"]).Select(p => N(p["port"])).DefaultIfEmpty(0).ToList();
            foreach (var a in Items(subset["addresses"]))
                foreach (var port in ports) list.Add(port > 0 ? $"{S(a["ip"])}:{port}" : S(a["ip"]));
        }
        if (list.Count == 0) return "<none>";
        return list.Count > 3 ? string.Join(",", list.Take(3)) + $" + {list.Count - 3} more..." : string.Join(",", list);
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = Items(At(node, "status", "conditions")).FirstOrDefault(c => S(c["type"]) == "Ready");
        var status = ready is null ? "Unknown" : S(ready["status"]) == "True" ? "Ready" : "NotReady";
        if (At(node, "spec", "unschedulable") is JsonValue u && u.TryGetValue<bool>(out var b) && b) status += ",SchedulingDisabled";
        return status;
    }

    private static string NodeRoles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.GetLabels())
        {
            if (key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal)) roles.Add(key["node-role.kubernetes.io/".Length..]);
            else if (key == "kubernetes.io/role") roles.Add(value);
        }
        roles.Remove("");
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string NodeAddress(JsonObject node, string type) =>
        OrNone(Items(At(node, "status", "addresses")).Where(a => S(a["type"]) == type).Select(a => S(a["address"])).FirstOrDefault() ?? "");

    private static string JobStatus(JsonObject job)
    {
        var conditions = Items(At(job, "status", "conditions")).Where(c => S(c["status"]) == "True").Select(c => S(c["type"])).ToList();
        if (conditions.Contains("Complete")) return "Complete";
        if (conditions.Contains("Failed")) return "Failed";
        if (job.GetMetadata()?["deletionTimestamp"] is not null) return "Terminating";
        if (conditions.Contains("SuccessCriteriaMet")) return "SuccessCriteriaMet";
        if (conditions.Contains("FailureTarget")) return "FailureTarget";
        if (conditions.Contains("Suspended")) return "Suspended";
        return "Running";
    }

    private static string JobDuration(JsonObject job, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(S(At(job, "status", "startTime")), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)) return "";
        var end = DateTimeOffset.TryParse(S(At(job, "status", "completionTime")), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var c) ? c : now;
        return HumanDuration(end - start);
    }

    private static string HpaTargets(JsonObject hpa)
    {
        var metrics = Items(At(hpa, "spec", "metrics")).ToList();
        if (metrics.Count == 0)
        {
            var v1Target = At(hpa, "spec", "targetCPUUtilizationPercentage");
            if (v1Target is null) return "<none>";
            var current = At(hpa, "status", "currentCPUUtilizationPercentage") is { } cur ? $"{N(cur)}%" : "<unknown>";
            return $"cpu: {current}/{N(v1Target)}%";
        }
        var parts = new List<string>();
        var currents = Items(At(hpa, "status", "currentMetrics")).ToList();
        for (var i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i];
            if (S(m["type"]) != "Resource" || m["resource"] is not JsonObject res) { parts.Add("<unknown>"); continue; }
            var target = res["target"] as JsonObject;
            var utilization = target?["averageUtilization"];
            var current = currents.Count > i && At(currents[i], "resource", "current", "averageUtilization") is { } cu ? $"{N(cu)}%" : "<unknown>";
            parts.Add(utilization is not null ? $"{S(res["name"])}: {current}/{N(utilization)}%" : $"{S(res["name"])}: <unknown>/{S(target?["averageValue"])}");
        }
        return string.Join(", ", parts);
    }

    private static string? EventTime(JsonObject e) =>
        new[] { S(e["lastTimestamp"]), S(At(e, "series", "lastObservedTime")), S(e["eventTime"]), S(e["deprecatedLastTimestamp"]), e.GetMetadata()?.GetString("creationTimestamp") ?? "" }
            .FirstOrDefault(t => t.Length > 0);

    private static string AccessModes(JsonNode? modes)
    {
        if (modes is not JsonArray a || a.Count == 0) return "";
        var map = new Dictionary<string, string> { ["ReadWriteOnce"] = "RWO", ["ReadOnlyMany"] = "ROX", ["ReadWriteMany"] = "RWX", ["ReadWriteOncePod"] = "RWOP" };
        return string.Join(",", a.Select(S).Select(m => map.GetValueOrDefault(m, m)));
    }
}
