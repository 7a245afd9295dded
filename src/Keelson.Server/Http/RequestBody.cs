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
}
