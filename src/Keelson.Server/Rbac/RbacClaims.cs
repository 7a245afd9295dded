using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Server.Rbac;

/// <summary>
/// Who is asking, as their token says: the subject (a local account, an SSO user id, or <c>proj:&lt;project&gt;:&lt;role&gt;</c>
/// for a project token), the string values of its other claims (the groups claims that <c>scopes</c> names among
/// them), and the token's issued-at and id, which revocation of project tokens checks.
/// </summary>
public sealed record RbacClaims(string Subject)
{
    /// <summary>Claim name → its string values (a string claim has one, an array claim its string items).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The <c>iat</c> claim, Unix seconds.</summary>
    public long? IssuedAt { get; init; }

    /// <summary>The <c>jti</c> claim.</summary>
    public string? Id { get; init; }

    /// <summary>A subject with groups in the <c>groups</c> claim (the default scope).</summary>
    public static RbacClaims WithGroups(string subject, params string[] groups) =>
        new(subject) { Values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["groups"] = groups } };

    /// <summary>
    /// Reads a JWT's payload as Argo CD does: the subject is <c>federated_claims.user_id</c> when Dex sets it, else
    /// <c>sub</c>; string and string-array claims are kept as values; <c>iat</c> and <c>jti</c> are read for
    /// revocation. Does not verify anything: the signature and expiry are checked before.
    /// </summary>
    public static RbacClaims FromJwtPayload(JsonObject payload)
    {
        var subject = payload["federated_claims"]?["user_id"] is JsonValue id && id.TryGetValue<string>(out var userId) && userId.Length > 0
            ? userId
            : payload["sub"] is JsonValue sub && sub.TryGetValue<string>(out var s) ? s : "";
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, node) in payload)
        {
            switch (node)
            {
                case JsonValue v when v.TryGetValue<string>(out var text):
                    values[name] = [text];
                    break;
                case JsonArray array:
                    values[name] = array.OfType<JsonValue>().Select(i => i.TryGetValue<string>(out var t) ? t : null).OfType<string>().ToList();
                    break;
            }
        }
        return new RbacClaims(subject)
        {
            Values = values,
            IssuedAt = UnixSeconds(payload["iat"]),
            Id = payload["jti"] is JsonValue jti && jti.TryGetValue<string>(out var j) ? j : null,
        };
    }

    /// <summary>The values of the claims named by <paramref name="scopes"/>, in scope order (Argo CD's <c>GetScopeValues</c>).</summary>
    public IEnumerable<string> ScopeValues(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (Values.TryGetValue(scope, out var values))
                foreach (var value in values) yield return value;
        }
    }

    internal static long? UnixSeconds(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var whole) => whole,
        JsonValue v when v.TryGetValue<double>(out var seconds) => (long)seconds,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
