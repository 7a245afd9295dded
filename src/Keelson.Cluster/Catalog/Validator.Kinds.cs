using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Validator
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    private static void ValidateKind(ResourceType type, JsonObject obj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        switch (type.Group, type.Kind)
        {
            case ("apps", "Deployment"):
            case ("apps", "ReplicaSet"):
            case ("apps", "StatefulSet"):
            case ("apps", "DaemonSet"):
                Replicas(spec, errors);
                SelectedTemplate(type, spec, errors, "Always");
                break;
            case ("", "ReplicationController"):
                Replicas(spec, errors);
                if (spec?["template"] is JsonObject rcTemplate) PodSpec(rcTemplate["spec"] as JsonObject, "spec.template.spec", errors, "Always");
                break;
            case ("batch", "Job"):
                JobSpec(spec, "spec", errors);
                break;
            case ("batch", "CronJob"):
                if (Str(spec?["schedule"]) is not { Length: > 0 }) errors.Add(FieldErrors.Required("spec.schedule"));
                JobSpec(spec?.GetPath("jobTemplate", "spec") as JsonObject, "spec.jobTemplate.spec", errors);
                break;
            case ("", "Pod"):
                PodSpec(spec, "spec", errors, null);
                break;
            case ("", "PodTemplate"):
                PodSpec(obj.GetPath("template", "spec") as JsonObject, "template.spec", errors, null);
                break;
            case ("", "Service"):
                Service(spec, errors);
                break;
            case ("", "ConfigMap"):
                DataKeys(obj, ["data", "binaryData"], errors, base64: ["binaryData"]);
                break;
            case ("", "Secret"):
                DataKeys(obj, ["data", "stringData"], errors, base64: ["data"]);
                break;
            default:
                break;
        }
    }

    private static void Replicas(JsonObject? spec, List<FieldError> errors)
    {
        if (Int(spec?["replicas"]) is < 0 and var replicas)
            errors.Add(FieldErrors.InvalidRaw("spec.replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
    }

    private static void SelectedTemplate(ResourceType type, JsonObject? spec, List<FieldError> errors, string? restartPolicy)
    {
        var selector = spec?["selector"] as JsonObject;
        var template = spec?["template"] as JsonObject;
        if (selector is null)
        {
            errors.Add(FieldErrors.Required("spec.selector"));
        }
        else if (selector["matchLabels"] is not JsonObject { Count: > 0 } && selector["matchExpressions"] is not JsonArray { Count: > 0 })
        {
            errors.Add(FieldErrors.Invalid("spec.selector", selector, $"empty selector is invalid for {type.Kind.ToLowerInvariant()}"));
        }
        else if (template is not null)
        {
            var labels = template.GetPath("metadata", "labels") as JsonObject;
            if (!SelectorMatches(selector, labels))
                errors.Add(FieldErrors.InvalidRaw("spec.template.metadata.labels", FieldErrors.StringMap(labels), "`selector` does not match template `labels`"));
        }
        if (template is null) errors.Add(FieldErrors.Required("spec.template"));
        // A StatefulSet's pods also get a volume per volumeClaimTemplate, which their containers may mount.
        var claimVolumes = type.Kind == "StatefulSet"
            ? Indexed(spec?["volumeClaimTemplates"]).Select(c => Str(c.Item1.GetPath("metadata", "name")) ?? "").Where(n => n.Length > 0).ToList()
            : null;
        if (template is not null) PodSpec(template["spec"] as JsonObject, "spec.template.spec", errors, restartPolicy, claimVolumes);
    }

    /// <summary>A metav1.LabelSelector against a label set (matchLabels and the four matchExpressions operators).</summary>
    internal static bool SelectorMatches(JsonObject selector, JsonObject? labels)
    {
        string? Label(string key) => labels is not null ? Str(labels[key]) : null;
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
                if (Label(key) != Str(value)) return false;
        }
        foreach (var (expr, _) in Indexed(selector["matchExpressions"]))
        {
            var key = Str(expr["key"]) ?? "";
            var values = expr["values"] is JsonArray vs ? vs.Select(Str).ToList() : [];
            var has = labels?.ContainsKey(key) == true;
            var ok = Str(expr["operator"]) switch
            {
                "In" => has && values.Contains(Label(key)),
                "NotIn" => !has || !values.Contains(Label(key)),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static void JobSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        var template = spec?["template"] as JsonObject;
        if (template is null)
        {
            errors.Add(FieldErrors.Required(path + ".template"));
            return;
        }
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "activeDeadlineSeconds" })
        {
            if (Int(spec![field]) is < 0 and var n)
                errors.Add(FieldErrors.InvalidRaw($"{path}.{field}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
        // Defaulting gives every pod template restartPolicy Always, so an unset policy reads as "Always" here, as on a real cluster.
        var podSpec = template["spec"] as JsonObject;
        var policy = Str(podSpec?["restartPolicy"]) is { Length: > 0 } p ? p : "Always";
        if (policy is not ("OnFailure" or "Never"))
            errors.Add(FieldErrors.NotSupported(path + ".template.spec.restartPolicy", policy, "OnFailure", "Never"));
        PodSpec(podSpec, path + ".template.spec", errors, null);
    }

    private static void PodSpec(JsonObject? spec, string path, List<FieldError> errors, string? requiredRestartPolicy, IEnumerable<string>? extraVolumes = null)
    {
        if (spec is null)
        {
            errors.Add(FieldErrors.Required(path + ".containers"));
            return;
        }
        if (spec["containers"] is not JsonArray { Count: > 0 }) errors.Add(FieldErrors.Required(path + ".containers"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var (c, i) in Indexed(spec[list])) Container(c, $"{path}.{list}[{i}]", names, errors);
        }
        if (requiredRestartPolicy is not null && Str(spec["restartPolicy"]) is { Length: > 0 } policy && policy != requiredRestartPolicy)
            errors.Add(FieldErrors.NotSupported(path + ".restartPolicy", policy, requiredRestartPolicy));

        var volumes = new HashSet<string>(StringComparer.Ordinal);
        var mountable = new HashSet<string>(extraVolumes ?? [], StringComparer.Ordinal);
        foreach (var (v, i) in Indexed(spec["volumes"]))
        {
            var name = Str(v["name"]) ?? "";
            if (name.Length == 0) errors.Add(FieldErrors.Required($"{path}.volumes[{i}].name"));
            else if (!volumes.Add(name)) errors.Add(FieldErrors.Duplicate($"{path}.volumes[{i}].name", name));
            else foreach (var problem in NameRules.Dns1123Label(name)) errors.Add(FieldErrors.Invalid($"{path}.volumes[{i}].name", name, problem));
        }
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var (c, i) in Indexed(spec[list]))
            {
                foreach (var (m, j) in Indexed(c["volumeMounts"]))
                {
                    var mountName = Str(m["name"]) ?? "";
                    if (mountName.Length > 0 && !volumes.Contains(mountName) && !mountable.Contains(mountName))
                        errors.Add(FieldErrors.NotFound($"{path}.{list}[{i}].volumeMounts[{j}].name", mountName));
                    if (Str(m["mountPath"]) is not { Length: > 0 })
                        errors.Add(FieldErrors.Required($"{path}.{list}[{i}].volumeMounts[{j}].mountPath"));
                }
            }
        }
    }

    private static void Container(JsonObject c, string path, HashSet<string> names, List<FieldError> errors)
    {
        var name = Str(c["name"]) ?? "";
        if (name.Length == 0) errors.Add(FieldErrors.Required(path + ".name"));
        else if (!names.Add(name)) errors.Add(FieldErrors.Duplicate(path + ".name", name));
        else foreach (var problem in NameRules.Dns1123Label(name)) errors.Add(FieldErrors.Invalid(path + ".name", name, problem));

        if (Str(c["image"]) is not { Length: > 0 }) errors.Add(FieldErrors.Required(path + ".image"));
        foreach (var (port, i) in Indexed(c["ports"]))
        {
            var portPath = $"{path}.ports[{i}]";
            var containerPort = Int(port["containerPort"]);
            if (containerPort is null or 0) errors.Add(FieldErrors.Required(portPath + ".containerPort"));
            else PortRange(portPath + ".containerPort", containerPort.Value, errors);
            if (Int(port["hostPort"]) is { } hostPort and not 0) PortRange(portPath + ".hostPort", hostPort, errors);
            if (Str(port["protocol"]) is { } protocol && !Protocols.Contains(protocol))
                errors.Add(FieldErrors.NotSupported(portPath + ".protocol", protocol, Protocols));
        }
        foreach (var (env, i) in Indexed(c["env"]))
        {
            if (Str(env["name"]) is not { Length: > 0 }) errors.Add(FieldErrors.Required($"{path}.env[{i}].name"));
        }
    }

    private static void PortRange(string path, long port, List<FieldError> errors)
    {
        if (port is < 1 or > 65535)
            errors.Add(FieldErrors.InvalidRaw(path, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
    }

    private static void Service(JsonObject? spec, List<FieldError> errors)
    {
        var type = Str(spec?["type"]) ?? "ClusterIP";
        string[] types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
        if (!types.Contains(type)) errors.Add(FieldErrors.NotSupported("spec.type", type, types));
        var headless = Str(spec?["clusterIP"]) == "None";
        if (type == "ExternalName")
        {
            if (Str(spec?["externalName"]) is not { Length: > 0 }) errors.Add(FieldErrors.Required("spec.externalName"));
        }
        else if (!headless && spec?["ports"] is not JsonArray { Count: > 0 })
        {
            errors.Add(FieldErrors.Required("spec.ports"));
        }
        var ports = spec?["ports"] as JsonArray;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (port, i) in Indexed(ports))
        {
            var path = $"spec.ports[{i}]";
            var name = Str(port["name"]) ?? "";
            if (ports!.Count > 1 && name.Length == 0) errors.Add(FieldErrors.Required(path + ".name"));
            else if (name.Length > 0 && !names.Add(name)) errors.Add(FieldErrors.Duplicate(path + ".name", name));
            if (Int(port["port"]) is not { } number) errors.Add(FieldErrors.Required(path + ".port"));
            else PortRange(path + ".port", number, errors);
            if (Int(port["targetPort"]) is { } target) PortRange(path + ".targetPort", target, errors);
            if (Int(port["nodePort"]) is { } nodePort and not 0)
            {
                if (type is not ("NodePort" or "LoadBalancer"))
                    errors.Add(FieldErrors.Forbidden(path + ".nodePort", $"may not be used when `type` is '{type}'"));
                else PortRange(path + ".nodePort", nodePort, errors);
            }
            if (Str(port["protocol"]) is { } protocol && !Protocols.Contains(protocol))
                errors.Add(FieldErrors.NotSupported(path + ".protocol", protocol, Protocols));
        }
    }

    private static void DataKeys(JsonObject obj, string[] maps, List<FieldError> errors, string[] base64)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            if (obj[map] is not JsonObject data) continue;
            foreach (var (key, value) in data)
            {
                foreach (var problem in NameRules.ConfigMapKey(key)) errors.Add(FieldErrors.Invalid($"{map}[{key}]", key, problem));
                // Secret data and stringData may share keys (stringData wins); ConfigMap data and binaryData may not.
                if (maps[1] == "binaryData" && seen.TryGetValue(key, out var other) && other != map)
                    errors.Add(FieldErrors.Invalid($"{map}[{key}]", key, $"duplicate of key present in {other}"));
                seen[key] = map;
                if (base64.Contains(map) && Str(value) is { } encoded && !IsBase64(encoded))
                    errors.Add(FieldErrors.Invalid($"{map}[{key}]", "<value omitted>", "illegal base64 data"));
            }
        }
    }

    private static bool IsBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}
