using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Http;

/// <summary>Request bodies as JSON objects; what is not one is Argo's 400 with a message that says so.</summary>
public static class RequestBody
{
    /// <summary>The body as a JSON object (an empty body is an empty object when <paramref name="allowEmpty"/>).</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpContext context, bool allowEmpty = false)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            if (string.IsNullOrWhiteSpace(text)) return allowEmpty ? (new JsonObject(), null) : (null, ArgoError.InvalidArgument("the request has no body: send the object as JSON"));
            return JsonNode.Parse(text) is JsonObject obj ? (obj, null) : (null, ArgoError.InvalidArgument("the request body must be a JSON object"));
        }
        catch (JsonException ex)
        {
            return (null, ArgoError.InvalidArgument($"the request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>
    /// The body as a JSON string (grpc-gateway's <c>body: "field"</c> for a string field: <c>"restart"</c>, or a patch
    /// encoded as a string); <paramref name="field"/> names it in the error.
    /// </summary>
    public static async Task<(string? Value, IResult? Error)> ReadStringAsync(HttpContext context, string field)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            if (string.IsNullOrWhiteSpace(text)) return (null, ArgoError.InvalidArgument($"{field}: required, the request body must be a JSON string"));
            return JsonNode.Parse(text) is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? (value.GetValue<string>(), null)
                : (null, ArgoError.InvalidArgument($"{field}: the request body must be a JSON string"));
        }
        catch (JsonException ex)
        {
            return (null, ArgoError.InvalidArgument($"{field}: the request body is not valid JSON: {ex.Message}"));
        }
    }
}
