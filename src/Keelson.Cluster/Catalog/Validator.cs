using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Validates objects the way the apiserver does before storing them, collecting every error: metadata (name, labels,
/// annotations), the per-kind rules a GitOps user trips over, immutable fields on update, unknown fields (strict
/// field validation) for built-in kinds via the KubernetesClient models, and the CRD schema for custom resources.
/// Validate runs on the defaulted object; it does not change it.
/// </summary>
public static partial class Validator
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>
    /// Every problem with <paramref name="obj"/>. <paramref name="strictFields"/> adds one
    /// <see cref="FieldErrorType.UnknownField"/> error per field the kind does not declare
    /// (<c>fieldValidation=Strict</c>); <paramref name="oldObject"/> enables the update rules (immutable fields).
    /// A missing name is reported: callers resolve generateName first.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(ResourceType type, JsonObject obj, bool strictFields, JsonObject? oldObject = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        if (strictFields) errors.AddRange(UnknownFields(type, obj));
        ValidateMetadata(type, obj, errors);
        if (type.IsCustom)
        {
            if (type.Schema is not null) ValidateSchema(type.Schema, obj, "", errors, isRoot: true);
        }
        else
        {
            ValidateKind(type, obj, errors);
            if (oldObject is not null) ValidateUpdate(type, obj, oldObject, errors);
        }
        return errors;
    }

    /// <summary>
    /// The message of the 400 BadRequest the apiserver answers for unknown fields in strict mode:
    /// <c>Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogusField"</c>.
    /// </summary>
    public static string StrictDecodingMessage(ResourceType type, IEnumerable<FieldError> unknownFields)
    {
        ArgumentNullException.ThrowIfNull(type);
        var fields = string.Join(", ", unknownFields.Where(e => e.Type == FieldErrorType.UnknownField).Select(e => e.Message));
        return $"{type.Kind} in version {FieldErrors.Quote(type.Version)} cannot be handled as a {type.Kind}: strict decoding error: {fields}";
    }

    /// <summary>The kind of name each resource requires (apiserver ValidateObjectMeta name functions).</summary>
    internal static IReadOnlyList<string> NameProblems(ResourceType type, string name) => (type.Group, type.Kind) switch
    {
        ("", "Namespace") => NameRules.Dns1123Label(name),
        ("", "Service") => NameRules.Dns1035Label(name),
        ("rbac.authorization.k8s.io", _) => NameRules.PathSegmentName(name),
        _ => NameRules.Dns1123Subdomain(name),
    };

    private static void ValidateMetadata(ResourceType type, JsonObject obj, List<FieldError> errors)
    {
        var metadata = obj["metadata"] as JsonObject;
        var name = metadata?.GetString("name") ?? "";
        if (name.Length == 0)
            errors.Add(FieldErrors.Required("metadata.name", "name or generateName is required"));
        else
            foreach (var problem in NameProblems(type, name)) errors.Add(FieldErrors.Invalid("metadata.name", name, problem));

        if (metadata?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                foreach (var problem in NameRules.QualifiedName(key)) errors.Add(FieldErrors.Invalid("metadata.labels", key, problem));
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    foreach (var problem in NameRules.LabelValue(s)) errors.Add(FieldErrors.Invalid("metadata.labels", s, problem));
            }
        }
        if (metadata?["annotations"] is JsonObject annotations)
        {
            var size = 0;
            foreach (var (key, value) in annotations)
            {
                foreach (var problem in NameRules.QualifiedName(key.ToLowerInvariant())) errors.Add(FieldErrors.Invalid("metadata.annotations", key, problem));
                size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
            }
            if (size > TotalAnnotationSizeLimit)
                errors.Add(new FieldError("metadata.annotations", FieldErrorType.TooLong,
                    $"metadata.annotations: Too long: must have at most {TotalAnnotationSizeLimit} bytes", "FieldValueTooLong"));
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Int(JsonNode? node) => JsonNumbers.Long(node);

    private static IEnumerable<(JsonObject Item, int Index)> Indexed(JsonNode? node) =>
        node is JsonArray a ? a.Select((n, i) => (n as JsonObject, i)).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.i)) : [];
}
