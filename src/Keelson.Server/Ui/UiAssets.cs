using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace Keelson.Server.Ui;

/// <summary>
/// The web UI, built from <c>ui/</c> and embedded in this assembly under <c>ui/…</c>, served at <c>/</c>: a file that
/// exists is sent as it is (hashed <c>/assets/…</c> cached for a year), any other path outside <c>/api</c> is
/// <c>index.html</c>, so every deep link opens the single-page app at that view.
/// </summary>
public static class UiAssets
{
    private const string Prefix = "ui/";

    /// <summary>The UI's pages may be framed only by themselves, and load only from this server.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Whether the assembly carries the built UI.</summary>
    public static bool Available => Files.Value.ContainsKey("index.html");

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapFallback("{**path}", Serve);
    }

    private static IResult Serve(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        var path = context.Request.Path.Value?.TrimStart('/') ?? "";
        var files = Files.Value;
        if (!files.TryGetValue("index.html", out var index))
            return Results.Text("This build of Keelson has no web UI (ui/ was not built); the REST API is under /api/v1.", "text/plain", statusCode: StatusCodes.Status404NotFound);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "sameorigin";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (path.Length > 0 && path != "index.html" && files.TryGetValue(path, out var file))
        {
            headers.CacheControl = path.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Bytes(file, ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream");
        }
        // A file-like path that does not exist is a 404, not the app (a stale asset must not come back as HTML).
        if (path.StartsWith("assets/", StringComparison.Ordinal))
            return Results.NotFound();
        headers.CacheControl = "no-cache";
        return Results.Bytes(index, "text/html; charset=utf-8");
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
