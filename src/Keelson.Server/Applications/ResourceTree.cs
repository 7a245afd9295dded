using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Health;
using Keelson.Engine.Kube;
using Keelson.Resources;

namespace Keelson.Server.Applications;

/// <summary>
/// An Application's resource tree as Argo CD's <c>ApplicationTree</c>: a node for each object it manages (from
/// <c>status.resources</c>, read live), and for the objects those own, however deep (ReplicaSets, Pods, Jobs,
/// EndpointSlices, …), each with its parents, health, images and networking hints.
/// </summary>
public static class ResourceTree
{
    /// <summary>The kinds looked for as children of managed objects, in the namespaces the Application deploys to.</summary>
    private static readonly (string ApiVersion, string Kind)[] ChildKinds =
    [
        ("apps/v1", "ReplicaSet"), ("v1", "Pod"), ("batch/v1", "Job"), ("apps/v1", "ControllerRevision"),
        ("discovery.k8s.io/v1", "EndpointSlice"), ("v1", "PersistentVolumeClaim"),
    ];

    /// <summary>
    /// The tree of an Application: its managed objects (with the health the engine recorded) and the objects they own
    /// (judged here, with argocd-cm's health scripts when <paramref name="customizations"/> is given).
    /// </summary>
    public static async Task<JsonObject> BuildAsync(JsonObject app, KubeClient cluster, CancellationToken cancellationToken, ResourceCustomizations? customizations = null)
    {
        var nodes = new List<JsonObject>();
        var byUid = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in (app.GetPath("status", "resources") as JsonArray ?? []).OfType<JsonObject>())
        {
            var group = resource["group"]?.ToString() ?? "";
            var version = resource["version"]?.ToString() ?? "v1";
            var kind = resource["kind"]?.ToString() ?? "";
            var ns = resource["namespace"]?.ToString();
            var name = resource["name"]?.ToString() ?? "";
            var live = await cluster.GetAsync(group.Length == 0 ? version : $"{group}/{version}", kind, string.IsNullOrEmpty(ns) ? null : ns, name, cancellationToken);
            if (live is null) continue;
            if (!string.IsNullOrEmpty(ns)) namespaces.Add(ns);
            var node = Node(live, group, version, kind, parents: null);
            if (resource["health"] is JsonObject health) node["health"] = health.DeepClone();
            nodes.Add(node);
            byUid[node["uid"]!.ToString()] = node;
        }

        // Owned objects: keep adding those whose owner is already in the tree, until nothing new is found.
        var candidates = new List<(JsonObject Obj, string Group, string Version, string Kind)>();
        foreach (var ns in namespaces)
        {
            foreach (var (apiVersion, kind) in ChildKinds)
            {
                var type = await cluster.FindAsync(apiVersion, kind, cancellationToken);
                if (type is null) continue;
                var (items, _) = await cluster.ListAsync(type, ns, null, cancellationToken);
                var slash = apiVersion.IndexOf('/');
                foreach (var item in items) candidates.Add((item, slash < 0 ? "" : apiVersion[..slash], slash < 0 ? apiVersion : apiVersion[(slash + 1)..], kind));
            }
        }
        for (var added = true; added;)
        {
            added = false;
            foreach (var (obj, group, version, kind) in candidates)
            {
                var uid = obj.GetMetadata()?.GetString("uid") ?? "";
                if (byUid.ContainsKey(uid)) continue;
                var owners = (obj.GetPath("metadata", "ownerReferences") as JsonArray ?? []).OfType<JsonObject>()
                    .Select(o => o["uid"]?.ToString()).OfType<string>().Where(byUid.ContainsKey).ToList();
                if (owners.Count == 0) continue;
                var node = Node(obj, group, version, kind, owners.Select(o => byUid[o]).ToList());
                if (HealthRules.Assess(obj, customizations) is { } health) node["health"] = Health(health);
                nodes.Add(node);
                byUid[uid] = node;
                added = true;
            }
        }
        nodes.Sort((a, b) => string.CompareOrdinal(Key(a), Key(b)));
        return new JsonObject { ["nodes"] = new JsonArray(nodes.Select(n => (JsonNode)n).ToArray()) };
    }

    private static string Key(JsonObject node) => $"{node["group"]}/{node["kind"]}/{node["namespace"]}/{node["name"]}";

    private static JsonObject Node(JsonObject live, string group, string version, string kind, List<JsonObject>? parents)
    {
        var meta = live.GetMetadata();
        var node = new JsonObject
        {
            ["group"] = group,
            ["version"] = version,
            ["kind"] = kind,
            ["namespace"] = meta?.GetString("namespace") ?? "",
            ["name"] = meta?.GetString("name") ?? "",
            ["uid"] = meta?.GetString("uid") ?? "",
        };
        if (group.Length == 0) node.Remove("group");
        if (parents is { Count: > 0 })
        {
            node["parentRefs"] = new JsonArray(parents.Select(p => (JsonNode)new JsonObject
            {
                ["group"] = p["group"]?.DeepClone(),
                ["kind"] = p["kind"]?.DeepClone(),
                ["namespace"] = p["namespace"]?.DeepClone(),
                ["name"] = p["name"]?.DeepClone(),
                ["uid"] = p["uid"]?.DeepClone(),
            }).ToArray());
        }
        if (Info(live, kind) is { Count: > 0 } info) node["info"] = info;
        if (Networking(live, kind) is { } networking) node["networkingInfo"] = networking;
        if (Images(live) is { Count: > 0 } images) node["images"] = images;
        node["resourceVersion"] = meta?.GetString("resourceVersion");
        node["createdAt"] = meta?.GetString("creationTimestamp");
        return node;
    }

    private static JsonObject Health(HealthResult health)
    {
        var json = new JsonObject { ["status"] = health.Status.ToString() };
        if (!string.IsNullOrEmpty(health.Message)) json["message"] = health.Message;
        return json;
    }

    /// <summary>What Argo CD shows beside a node: a Pod's status and ready containers, a ReplicaSet's revision.</summary>
    private static JsonArray? Info(JsonObject live, string kind)
    {
        switch (kind)
        {
            case "Pod":
                var statuses = (live.GetPath("status", "containerStatuses") as JsonArray ?? []).OfType<JsonObject>().ToList();
                var ready = statuses.Count(s => s["ready"]?.GetValue<bool>() == true);
                var total = (live.GetPath("spec", "containers") as JsonArray)?.Count ?? statuses.Count;
                var reason = statuses.Select(s => s.GetPath("state", "waiting", "reason")?.ToString()).FirstOrDefault(r => r is not null)
                    ?? live.GetPath("status", "phase")?.ToString() ?? "Unknown";
                var restarts = statuses.Sum(s => s["restartCount"]?.GetValue<int>() ?? 0);
                return
                [
                    new JsonObject { ["name"] = "Status Reason", ["value"] = reason },
                    new JsonObject { ["name"] = "Node", ["value"] = live.GetPath("spec", "nodeName")?.ToString() ?? "" },
                    new JsonObject { ["name"] = "Containers", ["value"] = $"{ready}/{total}" },
                    new JsonObject { ["name"] = "Restart Count", ["value"] = restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ];
            case "ReplicaSet" when live.GetPath("metadata", "annotations", "deployment.kubernetes.io/revision")?.ToString() is { } revision:
                return [new JsonObject { ["name"] = "Revision", ["value"] = "Rev:" + revision }];
            default:
                return null;
        }
    }

    /// <summary>
    /// Argo CD's networking hints: a Service's selector (and load balancer), a Pod's labels, an Ingress's backend
    /// Services, load balancer and the URLs its rules serve.
    /// </summary>
    internal static JsonObject? Networking(JsonObject live, string kind)
    {
        var ingress = live.GetPath("status", "loadBalancer", "ingress") is JsonArray { Count: > 0 } lb ? lb : null;
        switch (kind)
        {
            case "Service" when live.GetPath("spec", "selector") is JsonObject selector:
                var service = new JsonObject { ["targetLabels"] = selector.DeepClone() };
                if (ingress is not null) service["ingress"] = ingress.DeepClone();
                return service;
            case "Pod" when live.GetPath("metadata", "labels") is JsonObject labels:
                return new JsonObject { ["labels"] = labels.DeepClone() };
            case "Ingress":
                return IngressNetworking(live, ingress);
            default:
                return null;
        }
    }

    /// <summary>
    /// An Ingress's backend Services (targetRefs) and URLs (externalURLs: https when it has TLS, the load balancer's
    /// name or address for a rule without a host), as Argo CD's controller reads them.
    /// </summary>
    private static JsonObject? IngressNetworking(JsonObject live, JsonArray? ingress)
    {
        var ns = live.GetNamespace() ?? "";
        var services = new List<string>();
        var urls = new List<string>();
        if (live.GetPath("spec", "defaultBackend", "service", "name")?.ToString() is { Length: > 0 } fallback) services.Add(fallback);
        var scheme = (live.GetPath("spec", "tls") as JsonArray)?.Count > 0 ? "https" : "http";
        var balancer = (ingress ?? []).OfType<JsonObject>()
            .Select(i => i["hostname"]?.ToString() is { Length: > 0 } h ? h : i["ip"]?.ToString()).FirstOrDefault(h => !string.IsNullOrEmpty(h));
        foreach (var rule in (live.GetPath("spec", "rules") as JsonArray ?? []).OfType<JsonObject>())
        {
            var host = rule["host"]?.ToString() is { Length: > 0 } h ? h : balancer;
            foreach (var path in (rule.GetPath("http", "paths") as JsonArray ?? []).OfType<JsonObject>())
            {
                if (path.GetPath("backend", "service", "name")?.ToString() is { Length: > 0 } name) services.Add(name);
                if (host is null || host.Contains('*', StringComparison.Ordinal)) continue;
                urls.Add($"{scheme}://{host}{path["path"]?.ToString() ?? ""}");
            }
        }
        if (services.Count == 0 && urls.Count == 0 && ingress is null) return null;
        var info = new JsonObject();
        if (services.Count > 0)
        {
            info["targetRefs"] = new JsonArray(services.Distinct(StringComparer.Ordinal)
                .Select(name => (JsonNode)new JsonObject { ["kind"] = "Service", ["namespace"] = ns, ["name"] = name }).ToArray());
        }
        if (ingress is not null) info["ingress"] = ingress.DeepClone();
        if (urls.Count > 0) info["externalURLs"] = new JsonArray(urls.Distinct(StringComparer.Ordinal).Select(u => (JsonNode)u).ToArray());
        return info;
    }

    private static JsonArray? Images(JsonObject live)
    {
        var spec = live.GetPath("spec", "template", "spec") as JsonObject ?? live["spec"] as JsonObject;
        var images = (spec?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["image"]?.ToString()).OfType<string>().Distinct().ToArray();
        return images.Length == 0 ? null : new JsonArray(images.Select(i => (JsonNode)i).ToArray());
    }
}
