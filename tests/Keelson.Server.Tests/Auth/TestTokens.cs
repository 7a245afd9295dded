using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Server.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Keelson.Server.Tests.Auth;

/// <summary>Tokens made without the code under test: HS256 ones by Microsoft.IdentityModel, odd ones by hand.</summary>
internal static class TestTokens
{
    /// <summary>An HS256 token with exactly these claims (no times added).</summary>
    public static string Hs256(byte[] key, Dictionary<string, object> claims)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Argo CD's claims for <paramref name="subject"/>, issued at <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static Dictionary<string, object> Claims(string subject, DateTimeOffset now, TimeSpan lifetime, string? id = null)
    {
        var iat = now.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object> { ["iss"] = AuthNames.Issuer, ["sub"] = subject, ["iat"] = iat, ["nbf"] = iat, ["exp"] = iat + (long)lifetime.TotalSeconds };
        if (id is not null) claims["jti"] = id;
        return claims;
    }

    /// <summary>A token with the given header algorithm and a signature of the caller's choosing (none for <c>alg: none</c>).</summary>
    public static string WithAlgorithm(string alg, Dictionary<string, object> claims, string signature = "")
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        var payload = new JsonObject(claims.Select(p => KeyValuePair.Create(p.Key, System.Text.Json.JsonSerializer.SerializeToNode(p.Value))));
        return $"{Segment(header)}.{Segment(payload)}.{signature}";
    }

    public static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    /// <summary>Whether Microsoft.IdentityModel accepts the token as HS256 signed with <paramref name="key"/> by issuer argocd.</summary>
    public static async Task<bool> IdentityModelAcceptsAsync(string token, byte[] key)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidIssuer = AuthNames.Issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        return result.IsValid;
    }

    private static string Segment(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject Decode(string segment) => (JsonObject)JsonNode.Parse(Base64Url.DecodeFromChars(segment))!;
}
