using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        RequireNamespace(request);
        var options = WriteOptions.From(context.Request, isApply: false);
        var mediaType = MediaTypes.Essence(context.Request.ContentType);
        if (mediaType is not (MediaTypes.Json or MediaTypes.Yaml or MediaTypes.Protobuf or "")) throw ApiErrors.UnsupportedMediaType(context.Request.ContentType ?? "");
        var obj = RequestBody.DecodeObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
        CheckIdentity(request, obj);
        var created = await CreateObjectAsync(context, request.Type, obj, options, recordUpdate: true, context.RequestAborted);
        await WriteJsonAsync(context, 201, created);
    }

    /// <summary>The create path shared by POST and by apply to an absent object.</summary>
    internal async Task<JsonObject> CreateObjectAsync(HttpContext? context, ResourceType type, JsonObject obj, WriteOptions options, bool recordUpdate, CancellationToken cancellationToken)
    {
        var meta = obj.Metadata();
        if (meta["resourceVersion"] is JsonValue rv && rv.ToString().Length > 0)
        {
            throw ApiErrors.BadRequest("resourceVersion should not be set on objects to be created");
        }
        meta.Remove("resourceVersion");
        if (string.IsNullOrEmpty(obj.GetName()))
        {
            var generateName = meta["generateName"]?.ToString();
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiErrors.Invalid(type, "", [new FieldError("metadata.name", FieldErrorType.Required, "metadata.name: Required value: name or generateName is required", "FieldValueRequired")]);
            }
            obj.SetName(GenerateName(generateName));
        }
        var ns = obj.GetNamespace();
        if (type.Namespaced) EnsureNamespaceAcceptsContent(ns!, obj.GetName()!, type);

        meta["uid"] = Guid.NewGuid().ToString();
        if (type.Group == "batch" && type.Kind == "Job") Defaulter.GenerateJobSelector(obj);
        meta["creationTimestamp"] = Now();
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("generation");
        meta.Remove("selfLink");
        if (type.HasStatus && !(type.Group.Length == 0 && type.Plural is "namespaces" or "nodes" or "persistentvolumes")) obj.Remove("status");
        Admit(context, type, null, obj, options, recordUpdate);
        PrepareCustomResourceDefinition(type, obj);

        if (options.DryRun) return obj;
        try
        {
            var stored = await registry.CreateAsync(type, obj, cancellationToken);
            events.Committed(type, null, stored);
            return AsServed(type, stored);
        }
        catch (KeyExistsException)
        {
            throw ApiErrors.AlreadyExists(type, obj.GetName()!);
        }
    }

    private void EnsureNamespaceAcceptsContent(string ns, string name, ResourceType type)
    {
        var namespaceType = catalog.Find("", "v1", "namespaces") ?? NamespaceType;
        var owner = registry.Get(namespaceType, null, ns) ?? throw ApiErrors.NamespaceNotFound(ns);
        if (owner.GetPath("metadata", "deletionTimestamp") is not null)
        {
            throw ApiErrors.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static string GenerateName(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        var trimmed = prefix.Length > 58 ? prefix[..58] : prefix;
        return trimmed + new string(suffix);
    }
}
