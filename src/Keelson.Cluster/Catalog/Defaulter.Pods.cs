using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Defaulter
{
    private static void Pod(JsonObject pod)
    {
        var spec = pod.EnsureObject("spec");
        PodSpec(spec, jobTemplate: false);

        // SetDefaults_Pod: requests default to limits; only Pods (not templates) get service links.
        foreach (var c in Items(spec["containers"]).Concat(Items(spec["initContainers"])))
        {
            if (c.GetPath("resources", "limits") is JsonObject limits)
            {
                var requests = ((JsonObject)c["resources"]!).EnsureObject("requests");
                foreach (var (name, value) in limits) SetIfAbsent(requests, name, value?.DeepClone());
            }
        }
        SetIfAbsent(spec, "enableServiceLinks", true);

        // Admission that always runs: ServiceAccount, Priority, DefaultTolerationSeconds.
        SetIfEmpty(spec, "serviceAccountName", "default");
        SetIfEmpty(spec, "serviceAccount", Str(spec["serviceAccountName"]) ?? "default");
        SetIfAbsent(spec, "priority", 0);
        SetIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        var tolerations = spec["tolerations"] as JsonArray ?? new JsonArray();
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            if (Items(tolerations).Any(t => Str(t["key"]) == key)) continue;
            tolerations.Add(new JsonObject { ["effect"] = "NoExecute", ["key"] = key, ["operator"] = "Exists", ["tolerationSeconds"] = 300 });
        }
        spec["tolerations"] = tolerations;

        // The pod registry strategy starts every pod Pending with its QoS class.
        var status = pod.EnsureObject("status");
        SetIfAbsent(status, "phase", "Pending");
        SetIfAbsent(status, "qosClass", QosClass(spec));
    }

    private static string QosClass(JsonObject spec)
    {
        var containers = Items(spec["containers"]).Concat(Items(spec["initContainers"])).ToList();
        var any = false;
        var guaranteed = true;
        foreach (var c in containers)
        {
            var requests = c.GetPath("resources", "requests") as JsonObject;
            var limits = c.GetPath("resources", "limits") as JsonObject;
            if ((requests?.Count ?? 0) > 0 || (limits?.Count ?? 0) > 0) any = true;
            foreach (var r in new[] { "cpu", "memory" })
            {
                var limit = limits?[r]?.ToJsonString();
                var request = requests?[r]?.ToJsonString() ?? limit;
                if (limit is null || request != limit) guaranteed = false;
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /// <summary>Defaults the pod template of a workload: its spec as every PodSpec, nothing Pod-only.</summary>
    private static void PodTemplate(JsonObject? template, bool jobTemplate)
    {
        if (template is null) return;
        ZeroCreationTimestamp(template);
        if (template["spec"] is JsonObject spec) PodSpec(spec, jobTemplate);
    }

    /// <summary>An embedded ObjectMeta reads back with <c>creationTimestamp: null</c> (Go encodes the zero time so).</summary>
    private static void ZeroCreationTimestamp(JsonObject embedded)
    {
        var meta = embedded.EnsureObject("metadata");
        if (!meta.ContainsKey("creationTimestamp")) meta["creationTimestamp"] = null;
    }

    private static void PodSpec(JsonObject spec, bool jobTemplate)
    {
        SetIfEmpty(spec, "dnsPolicy", "ClusterFirst");
        // Jobs must choose OnFailure or Never themselves; defaulting to Always would only turn a Required error into a confusing one.
        if (!jobTemplate) SetIfEmpty(spec, "restartPolicy", "Always");
        SetIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        SetIfAbsent(spec, "securityContext", new JsonObject());
        SetIfEmpty(spec, "schedulerName", "default-scheduler");

        var hostNetwork = spec["hostNetwork"] is JsonValue hn && hn.TryGetValue<bool>(out var h) && h;
        foreach (var c in Items(spec["containers"]).Concat(Items(spec["initContainers"])).Concat(Items(spec["ephemeralContainers"])))
        {
            Container(c, hostNetwork);
        }
        foreach (var v in Items(spec["volumes"])) Volume(v);
    }

    private static void Container(JsonObject c, bool hostNetwork)
    {
        SetIfEmpty(c, "terminationMessagePath", "/dev/termination-log");
        SetIfEmpty(c, "terminationMessagePolicy", "File");
        if (IsEmptyString(c, "imagePullPolicy") && Str(c["image"]) is { } image) c["imagePullPolicy"] = PullPolicy(image);
        SetIfAbsent(c, "resources", new JsonObject());
        foreach (var port in Items(c["ports"]))
        {
            SetIfEmpty(port, "protocol", "TCP");
            if (hostNetwork && port["hostPort"] is null && port["containerPort"] is { } cp) port["hostPort"] = cp.DeepClone();
        }
        foreach (var env in Items(c["env"]))
        {
            if (env.GetPath("valueFrom", "fieldRef") is JsonObject fieldRef) SetIfEmpty(fieldRef, "apiVersion", "v1");
        }
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (c[probe] is not JsonObject p) continue;
            SetIfAbsent(p, "timeoutSeconds", 1);
            SetIfAbsent(p, "periodSeconds", 10);
            SetIfAbsent(p, "successThreshold", 1);
            SetIfAbsent(p, "failureThreshold", 3);
            Handler(p);
        }
        if (c["lifecycle"] is JsonObject lifecycle)
        {
            foreach (var hook in new[] { "postStart", "preStop" })
                if (lifecycle[hook] is JsonObject handler) Handler(handler);
        }
    }

    private static void Handler(JsonObject handler)
    {
        if (handler["httpGet"] is JsonObject httpGet)
        {
            SetIfEmpty(httpGet, "path", "/");
            SetIfEmpty(httpGet, "scheme", "HTTP");
        }
        if (handler["grpc"] is JsonObject grpc) SetIfAbsent(grpc, "service", "");
    }

    /// <summary>Always for ":latest" or no tag, IfNotPresent for any other tag or a digest.</summary>
    internal static string PullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= lastSlash) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static readonly string[] VolumeSources =
    [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
        "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
        "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
        "csi", "ephemeral", "image",
    ];

    private static void Volume(JsonObject v)
    {
        if (!VolumeSources.Any(s => v[s] is not null)) v["emptyDir"] = new JsonObject();
        foreach (var source in new[] { "configMap", "secret", "downwardAPI", "projected" })
        {
            if (v[source] is JsonObject s) SetIfAbsent(s, "defaultMode", 420);
        }
        if (v["hostPath"] is JsonObject hostPath) SetIfAbsent(hostPath, "type", "");
        foreach (var item in Items(v.GetPath("downwardAPI", "items"))) DownwardItem(item);
        foreach (var projection in Items(v.GetPath("projected", "sources")))
        {
            if (projection["serviceAccountToken"] is JsonObject token) SetIfAbsent(token, "expirationSeconds", 3600);
            foreach (var item in Items(projection.GetPath("downwardAPI", "items"))) DownwardItem(item);
        }
        if (v.GetPath("ephemeral", "volumeClaimTemplate", "spec") is JsonObject pvcSpec) SetIfEmpty(pvcSpec, "volumeMode", "Filesystem");
    }

    private static void DownwardItem(JsonObject item)
    {
        if (item["fieldRef"] is JsonObject fieldRef) SetIfEmpty(fieldRef, "apiVersion", "v1");
    }
}
