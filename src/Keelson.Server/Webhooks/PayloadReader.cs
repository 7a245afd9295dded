using System.Text.Json;

namespace Keelson.Server.Webhooks;

/// <summary>
/// Reads a webhook payload's fields as Go's <c>encoding/json</c> fills the typed structs Argo CD decodes into: a
/// missing field or a JSON null is the zero value, a field of the wrong type is an error (the first one is kept in
/// <see cref="Error"/>, and the payload is then refused as malformed). Keys match case-insensitively and a repeated
/// key reads its last value, as in Go.
/// </summary>
internal sealed class PayloadReader
{
    public string? Error { get; private set; }

    /// <summary>The object <paramref name="name"/> of <paramref name="parent"/>; an undefined element when absent.</summary>
    public JsonElement Object(JsonElement parent, string name) =>
        Field(parent, name, JsonValueKind.Object, "an object") is { } value ? value : default;

    /// <summary>The string <paramref name="name"/> of <paramref name="parent"/>; empty when absent.</summary>
    public string Text(JsonElement parent, string name) =>
        Field(parent, name, JsonValueKind.String, "a string") is { } value ? value.GetString() ?? "" : "";

    /// <summary>The items of the array <paramref name="name"/> of <paramref name="parent"/>; none when absent.</summary>
    public IReadOnlyList<JsonElement> Items(JsonElement parent, string name) =>
        Field(parent, name, JsonValueKind.Array, "an array") is { } value ? [.. value.EnumerateArray()] : [];

    /// <summary>The objects of the array <paramref name="name"/>; an item of another kind is an error (a null one is skipped).</summary>
    public IEnumerable<JsonElement> Objects(JsonElement parent, string name)
    {
        foreach (var item in Items(parent, name))
        {
            if (item.ValueKind == JsonValueKind.Object) yield return item;
            else if (item.ValueKind != JsonValueKind.Null) Fail(name, "objects", item.ValueKind);
        }
    }

    /// <summary>The strings of the array <paramref name="name"/>; a null item reads as empty, as Go's decoder leaves it.</summary>
    public IEnumerable<string> Texts(JsonElement parent, string name)
    {
        foreach (var item in Items(parent, name))
        {
            if (item.ValueKind == JsonValueKind.String) yield return item.GetString() ?? "";
            else if (item.ValueKind == JsonValueKind.Null) yield return "";
            else Fail(name, "strings", item.ValueKind);
        }
    }

    private JsonElement? Field(JsonElement parent, string name, JsonValueKind kind, string expected)
    {
        if (parent.ValueKind != JsonValueKind.Object) return null;
        JsonElement? found = null;
        // TryGetProperty is exact and returns the first of repeated keys; Go's decoder folds case and keeps the last.
        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) found = property.Value;
        }
        if (found is not { } value || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == kind) return value;
        Fail(name, expected, value.ValueKind);
        return null;
    }

    private void Fail(string name, string expected, JsonValueKind found) =>
        Error ??= $"field '{name}' should be {expected}, not {found.ToString().ToLowerInvariant()}";
}
