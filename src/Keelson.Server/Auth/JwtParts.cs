using System.Text.Json.Nodes;

namespace Keelson.Server.Auth;

/// <summary>A token's algorithm and claims as read, with what its signature covers.</summary>
internal readonly record struct JwtParts(string Algorithm, JsonObject Claims, string SigningInput, string Signature);
