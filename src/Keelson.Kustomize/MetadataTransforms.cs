using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>namespace, namePrefix/nameSuffix, commonLabels/labels and commonAnnotations.</summary>
internal static class MetadataTransforms
{
    private static readonly string[] Workloads = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"];
    private static readonly string[] TemplateKinds = ["ReplicationController", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"];

    private static readonly FieldSpec[] MetadataLabels = [new("metadata/labels", true)];

    private static readonly FieldSpec[] TemplateLabels =
    [
        new("spec/template/metadata/labels", true, TemplateKinds),
        new("spec/jobTemplate/spec/template/metadata/labels", true, "CronJob"),
        new("spec/jobTemplate/metadata/labels", true, "CronJob"),
        new("spec/volumeClaimTemplates[]/metadata/labels", true, "StatefulSet"),
    ];

    private static readonly FieldSpec[] SelectorLabels =
    [
        new("spec/selector", true, "Service", "ReplicationController"),
        new("spec/selector/matchLabels", true, Workloads),
        new("spec/selector/matchLabels", false, "Job", "PodDisruptionBudget"),
        new("spec/jobTemplate/spec/selector/matchLabels", false, "CronJob"),
        new("spec/podSelector/matchLabels", false, "NetworkPolicy"),
        new("spec/ingress[]/from[]/podSelector/matchLabels", false, "NetworkPolicy"),
        new("spec/egress[]/to[]/podSelector/matchLabels", false, "NetworkPolicy"),
    ];

    private static readonly FieldSpec[] AnnotationFields =
    [
        new("metadata/annotations", true),
        new("spec/template/metadata/annotations", true, TemplateKinds),
        new("spec/jobTemplate/metadata/annotations", true, "CronJob"),
        new("spec/jobTemplate/spec/template/metadata/annotations", true, "CronJob"),
    ];

    /// <summary>Kinds that are not namespaced, so the namespace transformer leaves them alone.</summary>
    internal static readonly HashSet<string> ClusterScoped =
    [
        "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
        "PriorityClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "Node",
        "CSIDriver", "CSINode", "IngressClass", "RuntimeClass", "PodSecurityPolicy", "VolumeAttachment",
        "ComponentStatus", "CertificateSigningRequest", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    ];

    public static void SetNamespace(List<Resource> resources, string ns)
    {
        foreach (var resource in resources)
        {
            if (resource.Kind is "RoleBinding" or "ClusterRoleBinding")
            {
                // kustomize moves ServiceAccount subjects named "default" along with the namespace.
                foreach (var subject in (resource.Object["subjects"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (subject.GetString("kind") == "ServiceAccount" && subject.GetString("name") == "default")
                        subject["namespace"] = ns;
                }
            }
            if (resource.Kind == "Namespace" && resource.Gvk.Group.Length == 0)
            {
                // kustomize renames Namespace objects to the target namespace.
                resource.Object.SetName(ns);
                continue;
            }
            if (resource.Kind is "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration")
            {
                foreach (var webhook in (resource.Object["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (webhook.GetPath("clientConfig", "service") is JsonObject service && service.ContainsKey("namespace"))
                        service["namespace"] = ns;
                }
            }
            // A custom resource of kind Namespace is namespaced like any other; only the core kinds are not.
            if (ClusterScoped.Contains(resource.Kind) && resource.Kind != "Namespace") continue;
            resource.StorePreviousId();
            resource.Object.SetNamespace(ns);
        }
    }

    public static void AddPrefixSuffix(List<Resource> resources, string prefix, string suffix)
    {
        foreach (var resource in resources)
        {
            if (resource.Kind is "CustomResourceDefinition" or "Namespace") continue;
            resource.StorePreviousId();
            resource.Object.SetName(prefix + resource.Name + suffix);
            resource.Affixes.Add(prefix + "|" + suffix);
        }
    }

    public static void Labels(BuildContext context, JsonObject k, List<Resource> resources, IEnumerable<FieldSpec> customCommonLabels)
    {
        if (k["commonLabels"] is JsonObject common)
            Apply(resources, common, [.. MetadataLabels, .. TemplateLabels, .. SelectorLabels, .. customCommonLabels]);
        if (k["labels"] is not JsonArray labels) return;
        foreach (var entry in labels.OfType<JsonObject>())
        {
            if (entry["pairs"] is not JsonObject pairs) continue;
            var selectors = entry["includeSelectors"] is JsonValue s && s.TryGetValue<bool>(out var sv) && sv;
            var templates = entry["includeTemplates"] is JsonValue t && t.TryGetValue<bool>(out var tv) && tv;
            var specs = new List<FieldSpec>(MetadataLabels);
            foreach (var custom in (entry["fields"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var path = custom.GetString("path") ?? throw new KustomizeException($"{context.File}: labels: a field has no path");
                var create = custom["create"] is JsonValue c && c.TryGetValue<bool>(out var cv) && cv;
                specs.Add(custom.GetString("kind") is { } kind ? new FieldSpec(path, create, kind) : new FieldSpec(path, create));
            }
            if (selectors || templates) specs.AddRange(TemplateLabels);
            if (selectors) specs.AddRange(SelectorLabels);
            Apply(resources, pairs, specs);
        }
    }

    public static void Annotations(List<Resource> resources, JsonObject annotations, IEnumerable<FieldSpec> custom) =>
        Apply(resources, annotations, [.. AnnotationFields, .. custom]);

    /// <summary>Sets every pair in the maps the field specs name (kustomize's label and annotation transformers).</summary>
    public static void Apply(List<Resource> resources, JsonObject pairs, IEnumerable<FieldSpec> specs)
    {
        var list = specs.ToList();
        foreach (var resource in resources)
        {
            foreach (var spec in list.Where(s => s.AppliesTo(resource.Kind)))
            {
                foreach (var map in spec.Maps(resource.Object))
                {
                    foreach (var (key, value) in pairs)
                        map[key] = value is JsonValue v && v.TryGetValue<string>(out _) ? v.DeepClone() : JsonValue.Create(value?.ToJsonString() ?? "");
                }
            }
        }
    }
}
