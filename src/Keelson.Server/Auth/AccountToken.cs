using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Server.Auth;

/// <summary>
/// An API key of a local account as <c>accounts.&lt;name&gt;.tokens</c> lists it: its id (the token's <c>jti</c>),
/// issued-at and expiry in Unix seconds (0: never expires, and then omitted from the JSON, as Argo CD writes it).
/// </summary>
public sealed record AccountToken(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long ExpiresAt = 0)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Reads a tokens list; null when the text is not one (the caller decides what a broken list means).</summary>
    public static IReadOnlyList<AccountToken>? ParseList(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<AccountToken>>(json, Json) is { } list && list.All(t => t?.Id is not null) ? list : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Write(IEnumerable<AccountToken> tokens) => JsonSerializer.Serialize(tokens.ToList(), Json);
}
