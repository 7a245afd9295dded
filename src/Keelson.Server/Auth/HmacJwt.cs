using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Server.Auth;

/// <summary>
/// JSON Web Tokens signed with HMAC, as Argo CD makes and reads them with golang-jwt v5: tokens are signed HS256;
/// reading accepts the HMAC family (HS256, HS384, HS512: golang-jwt's HMAC method, which Argo CD's key function
/// allows) and refuses every other algorithm, <c>none</c> included, before any signature is looked at. Failures
/// carry golang-jwt's wording. Signatures are compared in constant time.
/// </summary>
internal static class HmacJwt
{
    /// <summary>Algorithms golang-jwt knows; an <c>alg</c> outside these is "unavailable", one inside but not HMAC "unexpected".</summary>
    private static readonly HashSet<string> KnownAlgorithms = new(StringComparer.Ordinal)
    {
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "none",
    };

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    /// <summary>Signs <paramref name="payload"/> with HS256.</summary>
    public static string Sign(JsonObject payload, byte[] key)
    {
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>
    /// Splits and decodes a token without verifying it (golang-jwt's <c>ParseUnverified</c>): three base64url
    /// segments, a JSON header with a known <c>alg</c>, a JSON object of claims. Null error on success.
    /// </summary>
    public static AuthError? Read(string token, out JwtParts parts)
    {
        parts = default;
        var segments = token.Split('.');
        if (segments.Length != 3) return Malformed("token contains an invalid number of segments");
        if (Decode(segments[0]) is not { } headerBytes) return Malformed("could not base64 decode header");
        if (ParseObject(headerBytes) is not { } header) return Malformed("could not JSON decode header");
        if (Decode(segments[1]) is not { } claimBytes) return Malformed("could not base64 decode claim");
        if (ParseObject(claimBytes) is not { } claims) return Malformed("could not JSON decode claim");
        if (header["alg"] is not JsonValue algValue || !algValue.TryGetValue<string>(out var alg))
            return AuthError.InvalidSession(AuthFailure.UnsupportedAlgorithm, AuthMessages.Unverifiable("signing method (alg) is unspecified"));
        if (!KnownAlgorithms.Contains(alg))
            return AuthError.InvalidSession(AuthFailure.UnsupportedAlgorithm, AuthMessages.Unverifiable("signing method (alg) is unavailable"));
        parts = new JwtParts(alg, claims, segments[0] + "." + segments[1], segments[2]);
        return null;
    }

    /// <summary>Checks the algorithm is HMAC and the signature is <paramref name="key"/>'s. Null error when it is.</summary>
    public static AuthError? Verify(in JwtParts parts, byte[] key)
    {
        if (!parts.Algorithm.StartsWith("HS", StringComparison.Ordinal))
            return AuthError.InvalidSession(AuthFailure.UnsupportedAlgorithm, AuthMessages.UnexpectedSigningMethod(parts.Algorithm));
        if (Decode(parts.Signature) is not { } signature) return Malformed("could not base64 decode signature");
        var input = Encoding.ASCII.GetBytes(parts.SigningInput);
        var expected = parts.Algorithm switch
        {
            "HS256" => HMACSHA256.HashData(key, input),
            "HS384" => HMACSHA384.HashData(key, input),
            _ => HMACSHA512.HashData(key, input),
        };
        return CryptographicOperations.FixedTimeEquals(expected, signature)
            ? null
            : AuthError.InvalidSession(AuthFailure.BadSignature, AuthMessages.BadSignature);
    }

    private static AuthError Malformed(string detail) => AuthError.InvalidSession(AuthFailure.Malformed, AuthMessages.Malformed(detail));

    private static byte[]? Decode(string segment)
    {
        // Go's RawURLEncoding: no padding.
        if (segment.Contains('=', StringComparison.Ordinal)) return null;
        var buffer = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        return Base64Url.DecodeFromChars(segment, buffer, out var consumed, out var written) == System.Buffers.OperationStatus.Done && consumed == segment.Length
            ? buffer[..written]
            : null;
    }

    private static JsonObject? ParseObject(byte[] json)
    {
        try
        {
            var obj = JsonNode.Parse(json) as JsonObject;
            // JsonObject materialises lazily; counting it surfaces duplicate keys here rather than later.
            _ = obj?.Count;
            return obj;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return null;
        }
    }
}
