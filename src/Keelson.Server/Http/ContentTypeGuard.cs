using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Http;

/// <summary>
/// Argo CD's CSRF guard: a request that is not a GET must say <c>Content-Type: application/json</c> exactly (case
/// aside), else 415 "Invalid content type" — a cross-site form post cannot set that type without a CORS preflight.
/// Webhooks are exempt (Git hosts send their own types and are authenticated by signature).
/// </summary>
public sealed class ContentTypeGuard(RequestDelegate next)
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "application/json" };

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/api/webhook")
            || (request.ContentType is { } type && Allowed.Contains(type)))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Invalid content type\n", context.RequestAborted);
    }
}
