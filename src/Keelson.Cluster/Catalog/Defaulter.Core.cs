using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Defaulter
{
    private static void Service(JsonObject obj, Func<string>? allocateClusterIP, Func<int>? allocateNodePort)
    {
        var spec = obj.EnsureObject("spec");
        SetIfEmpty(spec, "type", "ClusterIP");
        var type = Str(spec["type"]);
        SetIfEmpty(spec, "sessionAffinity", "None");
        if (Str(spec["sessionAffinity"]) == "ClientIP")
        {
            var clientIP = spec.EnsureObject("sessionAffinityConfig").EnsureObject("clientIP");
            SetIfAbsent(clientIP, "timeoutSeconds", 10800);
        }
        var usesNodePorts = type is "NodePort" or "LoadBalancer";
        if (type == "LoadBalancer") SetIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        foreach (var port in Items(spec["ports"]))
        {
            SetIfEmpty(port, "protocol", "TCP");
            if (port["targetPort"] is null || JsonNumbers.Long(port["targetPort"]) == 0)
                port["targetPort"] = port["port"]?.DeepClone();
            if (usesNodePorts && port["nodePort"] is null)
                port["nodePort"] = allocateNodePort?.Invoke() ?? Random.Shared.Next(30000, 32768);
        }
        if (usesNodePorts) SetIfEmpty(spec, "externalTrafficPolicy", "Cluster");
        if (type == "ExternalName") return;

        SetIfEmpty(spec, "internalTrafficPolicy", "Cluster");
        if (IsEmptyString(spec, "clusterIP") && allocateClusterIP is not null)
        {
            var ip = allocateClusterIP();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        else if (Str(spec["clusterIP"]) is { Length: > 0 } given && spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(given);
        }
        SetIfAbsent(spec, "ipFamilies", new JsonArray("IPv4"));
        SetIfEmpty(spec, "ipFamilyPolicy", "SingleStack");
        obj.EnsureObject("status").EnsureObject("loadBalancer");
    }

    private static void Namespace(JsonObject obj)
    {
        if (obj.GetName() is { Length: > 0 } name) obj.Metadata().EnsureObject("labels")["kubernetes.io/metadata.name"] = name;
        var spec = obj.EnsureObject("spec");
        SetIfAbsent(spec, "finalizers", new JsonArray("kubernetes"));
        SetIfEmpty(obj.EnsureObject("status"), "phase", "Active");
    }

    private static void PersistentVolumeClaim(JsonObject obj)
    {
        SetIfEmpty(obj.EnsureObject("spec"), "volumeMode", "Filesystem");
        SetIfEmpty(obj.EnsureObject("status"), "phase", "Pending");
    }

    private static void PersistentVolume(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfEmpty(spec, "persistentVolumeReclaimPolicy", "Retain");
        SetIfEmpty(spec, "volumeMode", "Filesystem");
        SetIfEmpty(obj.EnsureObject("status"), "phase", "Pending");
    }

    private static void Endpoints(JsonObject obj)
    {
        foreach (var subset in Items(obj["subsets"]))
            foreach (var port in Items(subset["ports"])) SetIfEmpty(port, "protocol", "TCP");
    }

    private static void NetworkPolicy(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        foreach (var direction in new[] { "ingress", "egress" })
            foreach (var rule in Items(spec[direction]))
                foreach (var port in Items(rule["ports"])) SetIfEmpty(port, "protocol", "TCP");
        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (spec["egress"] is JsonArray { Count: > 0 }) types.Add("Egress");
            spec["policyTypes"] = types;
        }
    }

    private static void StorageClass(JsonObject obj)
    {
        SetIfEmpty(obj, "reclaimPolicy", "Delete");
        SetIfEmpty(obj, "volumeBindingMode", "Immediate");
    }

    private static void CustomResourceDefinition(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        var conversion = spec.EnsureObject("conversion");
        SetIfEmpty(conversion, "strategy", "None");
        if (spec["names"] is JsonObject names && Str(names["kind"]) is { Length: > 0 } kind)
        {
            SetIfEmpty(names, "singular", kind.ToLowerInvariant());
            SetIfEmpty(names, "listKind", kind + "List");
        }
    }
}
