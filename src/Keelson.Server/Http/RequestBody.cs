using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Http;

/// <summary>
/// Request bodies as JSON; what is not what the endpoint takes is Argo's 400 with a message that names the field, and
/// a body over <see cref="ServerOptions.MaxRequestBodyBytes"/> is a 413 read no further.
/// </summary>
public static class RequestBody
{
    /// <summary>The body as a JSON object (an empty body is an empty object when <paramref name="allowEmpty"/>).</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpContext context, bool allowEmpty = false)
    {
        var (text, tooLarge) = await ReadTextAsync(context);
        if (tooLarge is not null) return (null, tooLarge);
        if (string.IsNullOrWhiteSpace(text)) return allowEmpty ? (new JsonObject(), null) : (null, ArgoError.InvalidArgument("the request has no body: send the object as JSON"));
        try
        {
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
        var (text, tooLarge) = await ReadTextAsync(context);
        if (tooLarge is not null) return (null, tooLarge);
        if (string.IsNullOrWhiteSpace(text)) return (null, ArgoError.InvalidArgument($"{field}: required, the request body must be a JSON string"));
        try
        {
            return JsonNode.Parse(text) is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? (value.GetValue<string>(), null)
                : (null, ArgoError.InvalidArgument($"{field}: the request body must be a JSON string"));
        }
        catch (JsonException ex)
        {
            return (null, ArgoError.InvalidArgument($"{field}: the request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>A boolean field (absent: false); false when the field holds something else.</summary>
    public static bool TryBool(JsonObject body, string field, out bool value)
    {
        value = false;
        if (body[field] is null) return true;
        if (body[field] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }
        return false;
    }

    /// <summary>Argo's 400 for a field of the wrong type: what it holds, and what it should.</summary>
    public static IResult WrongType(JsonObject body, string field, string expected) =>
        ArgoError.InvalidArgument($"{field}: {body[field]?.ToJsonString() ?? "null"} is not {expected}");

    /// <summary>An int64 as Go's JSON gives it, or as grpc-gateway also takes it: a number or a string of digits.</summary>
    public static bool TryInt64(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() switch
        {
            JsonValueKind.Number => v.TryGetValue(out value),
            JsonValueKind.String => long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>
    /// A token request's <c>expiresIn</c>: seconds, 0 (or absent) for a token that does not expire. Anything else is a
    /// 400 rather than read as 0, which would silently issue a token that never expires.
    /// </summary>
    public static IResult? ExpiresIn(JsonObject body, out long seconds)
    {
        seconds = 0;
        if (body["expiresIn"] is not { } expires || (TryInt64(expires, out seconds) && seconds >= 0)) return null;
        return ArgoError.InvalidArgument($"expiresIn {expires.ToJsonString()}: a number of seconds (0 for a token that does not expire) is required");
    }

    /// <summary>The body as text, or a 413 when it is over the limit (by its Content-Length, or once that much is read).</summary>
    private static async Task<(string Text, IResult? TooLarge)> ReadTextAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetService(typeof(ServerOptions)) is ServerOptions options ? options.MaxRequestBodyBytes : ServerOptions.DefaultMaxRequestBodyBytes;
        if (context.Request.ContentLength > limit) return ("", TooLarge(limit));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) return ("", TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    private static IResult TooLarge(long limit) => ArgoError.Result(GrpcCode.ResourceExhausted,
        $"the request body is larger than the server takes ({limit / (1024 * 1024)} MiB): send less, e.g. fewer objects at a time",
        StatusCodes.Status413PayloadTooLarge);
}
