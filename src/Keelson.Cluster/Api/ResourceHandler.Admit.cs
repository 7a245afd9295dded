using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Keelson.Resources.FieldManagement;
using Keelson.Resources.Patching;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private static readonly HashSet<string> GenerationGroups = new(StringComparer.Ordinal)
    {
        "apps", "batch", "autoscaling", "networking.k8s.io", "policy", "apiextensions.k8s.io",
    };

    private static readonly string[] SystemMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink"];

    private static bool TracksGeneration(ResourceType type) => type.IsCustom || GenerationGroups.Contains(type.Group);

    /// <summary>
    /// Checks the body's apiVersion/kind/namespace/name against the request and fills what the path implies.
    /// </summary>
    private static void CheckIdentity(ResourceRequest request, JsonObject obj)
    {
        var apiVersion = obj.GetApiVersion();
        var kind = obj.GetKind();
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != request.Type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({request.Type.ApiVersion})");
        }
        if (!string.IsNullOrEmpty(kind) && kind != request.Type.Kind && !(request.Subresource == "scale" && kind == "Scale"))
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({request.Type.Kind})");
        }
        obj["apiVersion"] = request.Type.ApiVersion;
        obj["kind"] = request.Type.Kind;
        if (obj["metadata"] is not null and not JsonObject) throw ApiErrors.BadRequest("metadata: must be an object");

        var bodyNs = obj.GetNamespace();
        if (request.Type.Namespaced)
        {
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != request.Namespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            obj.SetNamespace(request.Namespace);
        }
        else if (obj.GetMetadata()?.ContainsKey("namespace") == true)
        {
            obj.SetNamespace(null);
        }

        if (request.Name is not null)
        {
            var bodyName = obj.GetName();
            if (!string.IsNullOrEmpty(bodyName) && bodyName != request.Name)
            {
                throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
            }
            obj.SetName(request.Name);
        }
    }

    /// <summary>
    /// Defaults and validates an object about to be written, bumps its generation when its spec changed and records
    /// field ownership. Unknown fields follow <see cref="WriteOptions.FieldValidation"/>.
    /// </summary>
    private void Admit(HttpContext? context, ResourceType type, JsonObject? old, JsonObject obj, WriteOptions options, bool recordUpdate)
    {
        RejectUndecodable(type, obj);
        Defaulter.Apply(type, obj, ipAllocator.Allocate);
        var errors = Validator.Validate(type, obj, strictFields: options.FieldValidation != FieldValidation.Ignore, old);
        var unknown = errors.Where(e => e.Type == FieldErrorType.UnknownField).ToList();
        var invalid = errors.Where(e => e.Type != FieldErrorType.UnknownField).ToList();
        if (unknown.Count > 0)
        {
            if (options.FieldValidation == FieldValidation.Strict)
            {
                var text = string.Join(", ", unknown.Select(e => $"unknown field \"{e.Field}\""));
                throw ApiErrors.BadRequest($"strict decoding error: {text}");
            }
            foreach (var error in unknown)
            {
                context?.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{error.Field}\\\"\"");
            }
        }
        if (invalid.Count > 0) throw ApiErrors.Invalid(type, obj.GetName() ?? "", invalid);

        if (TracksGeneration(type))
        {
            var generation = old?.GetGeneration() ?? 0;
            if (old is null || SpecChanged(old, obj)) generation++;
            obj.Metadata()["generation"] = Math.Max(generation, 1);
        }
        if (recordUpdate)
        {
            ServerSideApply.RecordUpdate(old, obj, options.FieldManager, PatchMeta.ForKind(type.Gvk), time.GetUtcNow(), "");
        }
    }

    /// <summary>A body whose values cannot decode into the kind's types is a 400, as the apiserver's decoder answers.</summary>
    private static void RejectUndecodable(ResourceType type, JsonObject obj)
    {
        var mismatches = Validator.TypeMismatches(type, obj);
        if (mismatches.Count > 0) throw ApiErrors.BadRequest(Validator.DecodingMessage(type, mismatches));
    }

    /// <summary>Everything but metadata and status counts as spec for generation.</summary>
    private static bool SpecChanged(JsonObject old, JsonObject updated)
    {
        foreach (var (key, value) in updated)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind") continue;
            if (!JsonNode.DeepEquals(value, old[key])) return true;
        }
        foreach (var (key, _) in old)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind") continue;
            if (!updated.ContainsKey(key)) return true;
        }
        return false;
    }

    /// <summary>Copies the fields clients cannot set (uid, timestamps, generation) from the stored object.</summary>
    private static void CarrySystemMetadata(JsonObject old, JsonObject updated)
    {
        var oldMeta = old.Metadata();
        var newMeta = updated.Metadata();
        foreach (var field in SystemMetadata)
        {
            if (oldMeta[field] is { } value) newMeta[field] = value.DeepClone();
            else newMeta.Remove(field);
        }
    }

    /// <summary>True when the write would leave the object as it is (then nothing is stored and the version stays).</summary>
    private static bool IsNoop(JsonObject old, JsonObject updated)
    {
        var a = (JsonObject)old.DeepClone();
        var b = (JsonObject)updated.DeepClone();
        foreach (var o in new[] { a, b })
        {
            o.Metadata().Remove("resourceVersion");
            if (o.Metadata()["managedFields"] is JsonArray entries)
            {
                foreach (var entry in entries.OfType<JsonObject>()) entry.Remove("time");
            }
        }
        return JsonNode.DeepEquals(a, b);
    }
}
