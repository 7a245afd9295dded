using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Api;

/// <summary>The Status errors of the Kubernetes API, with the messages kube-apiserver writes.</summary>
internal static class ApiErrors
{
    private static JsonObject Details(string name, string group, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0) details["group"] = group;
        details["kind"] = kind;
        return details;
    }

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.Gvr.GroupResource} \"{name}\" not found", Details(name, type.Group, type.Plural));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", Details(ns, "", "namespaces"));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.Gvr.GroupResource} \"{name}\" already exists", Details(name, type.Group, type.Plural));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.Gvr.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, type.Group, type.Plural));

    public static ApiException ConflictWithMessage(ResourceType type, string name, string message) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.Gvr.GroupResource} \"{name}\": {message}", Details(name, type.Group, type.Plural));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static ApiException NotAcceptable(string accept) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io (got \"{accept}\")");

    public static ApiException TooLarge() => new(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Gone(string message) => new(410, "Gone", message);

    public static ApiException Forbidden(ResourceType type, string name, string message) =>
        new(403, "Forbidden", $"{type.Gvr.GroupResource} \"{name}\" is forbidden: {message}", Details(name, type.Group, type.Plural));

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");

    /// <summary>422 Invalid, listing every field error as a cause.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var details = Details(name, type.Group, type.Kind);
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            // A cause names its field separately; its message is the sentence after "field: " (kubectl prints "field: message").
            var prefix = error.Field + ": ";
            var message = error.Message.StartsWith(prefix, StringComparison.Ordinal) ? error.Message[prefix.Length..] : error.Message;
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = message, ["field"] = error.Field });
        }
        details["causes"] = causes;
        var summary = errors.Count == 1 ? errors[0].Message : "[" + string.Join(", ", errors.Select(e => e.Message)) + "]";
        var kind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new ApiException(422, "Invalid", $"{kind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>409 Conflict of server-side apply, one cause per conflicting field.</summary>
    public static ApiException ApplyConflict(ResourceType type, string name, IReadOnlyList<Keelson.Resources.FieldManagement.FieldConflict> conflicts)
    {
        var details = Details(name, type.Group, type.Plural);
        var causes = new JsonArray();
        foreach (var c in conflicts)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with \"{c.Manager}\"", ["field"] = c.Field });
        }
        details["causes"] = causes;
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\": {conflicts[0].Field}"
            : $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", conflicts.Select(c => $"conflict with \"{c.Manager}\": {c.Field}"))}";
        return new ApiException(409, "Conflict", message, details);
    }
}
