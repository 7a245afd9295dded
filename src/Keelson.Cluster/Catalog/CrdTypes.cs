using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>Reads a CustomResourceDefinition (apiextensions.k8s.io/v1) into the <see cref="ResourceType"/>s it serves.</summary>
public static class CrdTypes
{
    /// <summary>
    /// One <see cref="ResourceType"/> per served version (in the CRD's order), or none when the CRD is invalid; every
    /// problem is reported in <paramref name="errors"/>. Does not register anything: see <see cref="ResourceCatalog.RegisterCustom"/>.
    /// </summary>
    public static IReadOnlyList<ResourceType> FromCrd(JsonObject crd, out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var errs = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        var group = spec?.GetString("group") ?? "";
        var names = spec?["names"] as JsonObject;
        var plural = names?.GetString("plural") ?? "";
        var kind = names?.GetString("kind") ?? "";
        var singular = names?.GetString("singular") is { Length: > 0 } s ? s : kind.ToLowerInvariant();
        var scope = spec?.GetString("scope") ?? "";
        var versions = spec?["versions"] as JsonArray;

        var name = crd.GetName() ?? "";
        if (name.Length == 0) errs.Add(FieldErrors.Required("metadata.name", "name or generateName is required"));
        else if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
            errs.Add(FieldErrors.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));

        if (group.Length == 0) errs.Add(FieldErrors.Required("spec.group"));
        else
        {
            foreach (var msg in NameRules.Dns1123Subdomain(group)) errs.Add(FieldErrors.Invalid("spec.group", group, msg));
            if (!group.Contains('.', StringComparison.Ordinal))
                errs.Add(FieldErrors.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        if (plural.Length == 0) errs.Add(FieldErrors.Required("spec.names.plural"));
        else foreach (var msg in NameRules.Dns1035Label(plural)) errs.Add(FieldErrors.Invalid("spec.names.plural", plural, msg));
        if (kind.Length == 0) errs.Add(FieldErrors.Required("spec.names.kind"));
        if (names?.GetString("singular") is { Length: > 0 } given)
            foreach (var msg in NameRules.Dns1035Label(given)) errs.Add(FieldErrors.Invalid("spec.names.singular", given, msg));

        if (scope.Length == 0) errs.Add(FieldErrors.Required("spec.scope"));
        else if (scope is not ("Cluster" or "Namespaced"))
            errs.Add(FieldErrors.NotSupported("spec.scope", scope, "Cluster", "Namespaced"));

        if (versions is null || versions.Count == 0)
        {
            errs.Add(FieldErrors.Required("spec.versions", "must have exactly one version marked as storage version"));
        }
        else
        {
            var storage = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < versions.Count; i++)
            {
                var path = $"spec.versions[{i}]";
                if (versions[i] is not JsonObject v)
                {
                    errs.Add(FieldErrors.Invalid(path, versions[i], "must be an object"));
                    continue;
                }
                var vname = v.GetString("name") ?? "";
                if (vname.Length == 0) errs.Add(FieldErrors.Required(path + ".name"));
                else
                {
                    foreach (var msg in NameRules.Dns1035Label(vname)) errs.Add(FieldErrors.Invalid(path + ".name", vname, msg));
                    if (!seen.Add(vname)) errs.Add(FieldErrors.Duplicate(path + ".name", vname));
                }
                if (Bool(v, "storage")) storage++;
                if (v.GetPath("schema", "openAPIV3Schema") is not JsonObject)
                    errs.Add(FieldErrors.Required(path + ".schema.openAPIV3Schema", "schemas are required"));
                if (v.GetPath("subresources", "scale") is JsonObject sc)
                {
                    if (sc.GetString("specReplicasPath") is not { Length: > 0 })
                        errs.Add(FieldErrors.Required(path + ".subresources.scale.specReplicasPath"));
                    if (sc.GetString("statusReplicasPath") is not { Length: > 0 })
                        errs.Add(FieldErrors.Required(path + ".subresources.scale.statusReplicasPath"));
                }
            }
            if (storage != 1)
                errs.Add(FieldErrors.Invalid("spec.versions", versions, "must have exactly one version marked as storage version"));
        }

        errors = errs;
        if (errs.Count > 0) return [];

        var shortNames = Strings(names?["shortNames"]);
        var categories = Strings(names?["categories"]);
        var types = new List<ResourceType>();
        foreach (var v in versions!.OfType<JsonObject>())
        {
            if (!Bool(v, "served")) continue;
            ScaleSubresource? scale = null;
            if (v.GetPath("subresources", "scale") is JsonObject sc)
                scale = new ScaleSubresource(sc.GetString("specReplicasPath")!, sc.GetString("statusReplicasPath")!, sc.GetString("labelSelectorPath"));
            types.Add(new ResourceType(group, v.GetString("name")!, kind, plural, singular, scope == "Namespaced",
                shortNames, categories, v.GetPath("subresources", "status") is JsonObject, scale, IsCustom: true)
            {
                Schema = v.GetPath("schema", "openAPIV3Schema")?.DeepClone() as JsonObject,
                PrinterColumns = v["additionalPrinterColumns"]?.DeepClone() as JsonArray,
                ListKindName = names?.GetString("listKind") is { Length: > 0 } lk ? lk : null,
            });
        }
        return types;
    }

    private static bool Bool(JsonObject o, string property) =>
        o[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];
}
