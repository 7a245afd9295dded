using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Cluster.Catalog;

/// <summary>Builds <see cref="FieldError"/>s with the sentences k8s.io/apimachinery's field.Error prints.</summary>
internal static class FieldErrors
{
    public static FieldError Required(string field, string detail = "") =>
        new(field, FieldErrorType.Required, $"{field}: Required value{Suffix(detail)}", "FieldValueRequired");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        InvalidRaw(field, Format(value), detail);

    /// <summary>An Invalid error whose value is already rendered the way Go prints it.</summary>
    public static FieldError InvalidRaw(string field, string renderedValue, string detail) =>
        new(field, FieldErrorType.Invalid, $"{field}: Invalid value: {renderedValue}{Suffix(detail)}", "FieldValueInvalid");

    public static FieldError NotSupported(string field, JsonNode? value, params string[] supported) =>
        new(field, FieldErrorType.NotSupported,
            $"{field}: Unsupported value: {Format(value)}" +
            (supported.Length > 0 ? ": supported values: " + string.Join(", ", supported.Select(Quote)) : ""),
            "FieldValueNotSupported");

    public static FieldError Forbidden(string field, string detail) =>
        new(field, FieldErrorType.Forbidden, $"{field}: Forbidden: {detail}", "FieldValueForbidden");

    public static FieldError Duplicate(string field, JsonNode? value) =>
        new(field, FieldErrorType.Duplicate, $"{field}: Duplicate value: {Format(value)}", "FieldValueDuplicate");

    public static FieldError TooLong(string field, int max) =>
        new(field, FieldErrorType.TooLong, $"{field}: Too long: may not be more than {max} bytes", "FieldValueTooLong");

    public static FieldError NotFound(string field, string value) =>
        new(field, FieldErrorType.Invalid, $"{field}: Not found: {Quote(value)}", "FieldValueNotFound");

    public static FieldError Unknown(string field) =>
        new(field, FieldErrorType.UnknownField, $"unknown field {Quote(field)}", "FieldValueInvalid");

    /// <summary>Go's %q for a string (enough of it for Kubernetes names and values).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20) sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Renders a JSON value as field.Error does: strings quoted, numbers and booleans bare, null as "null".</summary>
    public static string Format(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        JsonValue v => v.ToJsonString(),
        JsonObject o when o.All(p => p.Value is JsonValue pv && pv.TryGetValue<string>(out _)) => StringMap(o),
        _ => value.ToJsonString(),
    };

    /// <summary>Go's %#v of a map[string]string: <c>map[string]string{"app":"web"}</c>, keys sorted.</summary>
    public static string StringMap(JsonObject? map)
    {
        if (map is null || map.Count == 0) return "map[string]string(nil)";
        var parts = map.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Quote(p.Key) + ":" + Quote(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? ""));
        return "map[string]string{" + string.Join(", ", parts) + "}";
    }

    private static string Suffix(string detail) => detail.Length == 0 ? "" : ": " + detail;
}
