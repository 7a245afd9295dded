using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>
/// Rewrites references to renamed objects (prefix, suffix, hash) so they point at the new names: ConfigMaps,
/// Secrets, ServiceAccounts and PVCs in pod specs, Services in StatefulSets and Ingresses, scale targets of HPAs,
/// roles and subjects of role bindings.
/// </summary>
internal static class NameReferences
{
    private static readonly string[] TemplateKinds = ["ReplicationController", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"];

    /// <summary>Fixes the built-in references, then those the <c>configurations</c>' nameReference entries name.</summary>
    public static void Fix(List<Resource> resources, IReadOnlyList<NameReferenceSpec> custom)
    {
        foreach (var referrer in resources)
        {
            var obj = referrer.Object;
            var ns = referrer.Namespace;
            string Lookup(string kind, string name) => Resolve(resources, kind, name, ns, referrer);

            foreach (var podSpec in PodSpecs(referrer))
                FixPodSpec(podSpec, Lookup);

            switch (referrer.Kind)
            {
                case "StatefulSet":
                    Rewrite(obj.GetPath("spec") as JsonObject, "serviceName", n => Lookup("Service", n));
                    break;
                case "Ingress":
                    FixIngress(obj, Lookup);
                    break;
                case "HorizontalPodAutoscaler":
                    if (obj.GetPath("spec", "scaleTargetRef") is JsonObject target && target.GetString("kind") is { } targetKind)
                        Rewrite(target, "name", n => Lookup(targetKind, n));
                    break;
                case "RoleBinding":
                case "ClusterRoleBinding":
                    if (obj["roleRef"] is JsonObject roleRef && roleRef.GetString("kind") is { } roleKind)
                        Rewrite(roleRef, "name", n => Lookup(roleKind, n));
                    foreach (var subject in Items(obj["subjects"]))
                    {
                        if (subject.GetString("kind") == "ServiceAccount")
                            FixServiceAccountSubject(resources, subject, referrer);
                    }
                    break;
                case "ServiceAccount":
                    foreach (var secret in Items(obj["secrets"]).Concat(Items(obj["imagePullSecrets"])))
                        Rewrite(secret, "name", n => Lookup("Secret", n));
                    break;
            }

            foreach (var reference in custom)
            {
                foreach (var spec in reference.FieldSpecs.Where(s => s.AppliesTo(referrer.Kind)))
                {
                    var slash = spec.Path.LastIndexOf('/');
                    var parents = slash < 0 ? [obj] : new FieldSpec(spec.Path[..slash], false).Maps(obj);
                    var key = spec.Path[(slash + 1)..];
                    foreach (var parent in parents.ToList())
                    {
                        if (parent[key] is JsonArray names)
                        {
                            for (var i = 0; i < names.Count; i++)
                            {
                                if (names[i] is JsonValue v && v.TryGetValue<string>(out var n)) names[i] = Lookup(reference.Kind, n);
                            }
                        }
                        else Rewrite(parent, key, n => Lookup(reference.Kind, n));
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonObject> PodSpecs(Resource resource)
    {
        var obj = resource.Object;
        JsonNode? spec = resource.Kind switch
        {
            "Pod" => obj["spec"],
            "CronJob" => obj.GetPath("spec", "jobTemplate", "spec", "template", "spec"),
            _ when TemplateKinds.Contains(resource.Kind) => obj.GetPath("spec", "template", "spec"),
            _ => null,
        };
        if (spec is JsonObject s) yield return s;
    }

    private static void FixPodSpec(JsonObject spec, Func<string, string, string> lookup)
    {
        Rewrite(spec, "serviceAccountName", n => lookup("ServiceAccount", n));
        Rewrite(spec, "serviceAccount", n => lookup("ServiceAccount", n));
        foreach (var pullSecret in Items(spec["imagePullSecrets"]))
            Rewrite(pullSecret, "name", n => lookup("Secret", n));
        foreach (var volume in Items(spec["volumes"]))
        {
            Rewrite(volume["configMap"] as JsonObject, "name", n => lookup("ConfigMap", n));
            Rewrite(volume["secret"] as JsonObject, "secretName", n => lookup("Secret", n));
            Rewrite(volume["persistentVolumeClaim"] as JsonObject, "claimName", n => lookup("PersistentVolumeClaim", n));
            foreach (var source in Items(volume.GetPath("projected", "sources")))
            {
                Rewrite(source["configMap"] as JsonObject, "name", n => lookup("ConfigMap", n));
                Rewrite(source["secret"] as JsonObject, "name", n => lookup("Secret", n));
            }
        }
        foreach (var container in Items(spec["containers"]).Concat(Items(spec["initContainers"])).Concat(Items(spec["ephemeralContainers"])))
        {
            foreach (var env in Items(container["env"]))
            {
                Rewrite(env.GetPath("valueFrom", "configMapKeyRef") as JsonObject, "name", n => lookup("ConfigMap", n));
                Rewrite(env.GetPath("valueFrom", "secretKeyRef") as JsonObject, "name", n => lookup("Secret", n));
            }
            foreach (var envFrom in Items(container["envFrom"]))
            {
                Rewrite(envFrom["configMapRef"] as JsonObject, "name", n => lookup("ConfigMap", n));
                Rewrite(envFrom["secretRef"] as JsonObject, "name", n => lookup("Secret", n));
            }
        }
    }

    private static void FixIngress(JsonObject ingress, Func<string, string, string> lookup)
    {
        Rewrite(ingress.GetPath("spec", "defaultBackend", "service") as JsonObject, "name", n => lookup("Service", n));
        Rewrite(ingress.GetPath("spec", "backend") as JsonObject, "serviceName", n => lookup("Service", n));
        foreach (var rule in Items(ingress.GetPath("spec", "rules")))
        {
            foreach (var path in Items(rule.GetPath("http", "paths")))
            {
                Rewrite(path.GetPath("backend", "service") as JsonObject, "name", n => lookup("Service", n));
                Rewrite(path["backend"] as JsonObject, "serviceName", n => lookup("Service", n));
            }
        }
        foreach (var tls in Items(ingress.GetPath("spec", "tls")))
            Rewrite(tls, "secretName", n => lookup("Secret", n));
    }

    /// <summary>A subject naming a ServiceAccount of the build follows it: its current name and namespace.</summary>
    private static void FixServiceAccountSubject(List<Resource> resources, JsonObject subject, Resource referrer)
    {
        if (subject.GetString("name") is not { } name) return;
        var subjectNs = subject.GetString("namespace");
        var matches = resources.Where(r => r.Kind == "ServiceAccount" && r.OriginalName == name &&
            (subjectNs is null || subjectNs == r.OriginalNamespace || subjectNs == r.Namespace ||
             (subjectNs == "default" && r.OriginalNamespace.Length == 0))).ToList();
        if (matches.Count > 1) matches = matches.Where(r => r.Affixes.SequenceEqual(referrer.Affixes)).ToList();
        if (matches.Count != 1) return;
        subject["name"] = matches[0].Name;
        if (matches[0].Namespace.Length > 0) subject["namespace"] = matches[0].Namespace;
    }

    private static string Resolve(List<Resource> resources, string kind, string name, string ns, Resource referrer)
    {
        var candidates = resources.Where(r => r.Kind == kind && r.OriginalName == name).ToList();
        if (candidates.Count > 1)
        {
            var sameNamespace = candidates.Where(r => r.Namespace == ns || MetadataTransforms.ClusterScoped.Contains(kind)).ToList();
            candidates = sameNamespace;
        }
        // Copies of one base under different prefixes: the referral renamed the same way as the referrer.
        if (candidates.Count > 1) candidates = candidates.Where(r => r.Affixes.SequenceEqual(referrer.Affixes)).ToList();
        return candidates.Count == 1 ? candidates[0].Name : name;
    }

    private static void Rewrite(JsonObject? holder, string field, Func<string, string> lookup)
    {
        if (holder?.GetString(field) is { } current) holder[field] = lookup(current);
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) =>
        node is JsonArray list ? list.OfType<JsonObject>() : [];
}
