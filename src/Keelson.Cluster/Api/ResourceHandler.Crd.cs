using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    internal static bool IsCrd(ResourceType type) => type.Group == "apiextensions.k8s.io" && type.Kind == "CustomResourceDefinition";

    /// <summary>
    /// Validates a CustomResourceDefinition and gives it the status a real apiserver reports once its names are
    /// accepted and the new resource is served (it is served as soon as the write commits).
    /// </summary>
    private void PrepareCustomResourceDefinition(ResourceType type, JsonObject crd)
    {
        if (!IsCrd(type)) return;
        var types = ResourceType.FromCrd(crd, out var errors);
        if (errors.Count > 0) throw ApiErrors.Invalid(type, crd.GetName() ?? "", errors);
        foreach (var served in types)
        {
            var existing = catalog.Find(served.Group, served.Version, served.Plural);
            if (existing is not null && !existing.IsCustom)
            {
                throw ApiErrors.Invalid(type, crd.GetName() ?? "", [new FieldError("spec.names.plural", FieldErrorType.Invalid, $"spec.names.plural: Invalid value: \"{served.Plural}\": is already served by a built-in resource", "FieldValueInvalid")]);
            }
        }
        var now = Now();
        var status = crd.EnsureObject("status");
        status["acceptedNames"] = crd.GetPath("spec", "names")?.DeepClone() ?? new JsonObject();
        status["conditions"] = new JsonArray(
            Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
            Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        var storage = (crd.GetPath("spec", "versions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)?.GetString("name");
        var stored = status["storedVersions"] as JsonArray ?? [];
        if (storage is not null && !stored.Any(v => v?.ToString() == storage)) stored.Add(storage);
        status["storedVersions"] = stored.DeepClone();
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
