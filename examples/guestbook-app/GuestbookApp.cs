using System.Diagnostics;
using Keelson.Guestbook.Messages;
using Keelson.Guestbook.Observability;
using Keelson.Guestbook.Redis;
using Prometheus;

namespace Keelson.Guestbook;

/// <summary>Builds the guestbook web application: its services, its middleware and its routes.</summary>
public static partial class GuestbookApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        // One line per request comes from MeasureAsync; the framework's own per-request lines are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The classic client sends the whole list in the query string.
            kestrel.Limits.MaxRequestLineSize = 128 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 160 * 1024;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("SHUTDOWN_TIMEOUT_SECONDS", 20)));
        builder.Services.AddSingleton(GuestbookOptions.From(builder.Configuration));
        builder.Services.AddSingleton<RequestMetrics>();
        builder.Services.AddSingleton<RedisConnections>();
        builder.Services.AddSingleton<MessageStore>();

        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Keelson.Guestbook");
        var options = app.Services.GetRequiredService<GuestbookOptions>();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(log, options.Master.ToString(), options.Replica?.ToString() ?? "none"));
        app.Lifetime.ApplicationStopping.Register(() => LogStopping(log));

        app.UseRouting();
        app.Use(MeasureAsync);
        MapRoutes(app);
        return app;
    }

    private static async Task MeasureAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started);
            context.RequestServices.GetRequiredService<RequestMetrics>().Observe(context.Request.Method, route, status, elapsed);
            LogRequest(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Keelson.Guestbook.Requests"),
                context.Request.Method, route, status, elapsed.TotalMilliseconds);
        }
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/", async (MessageStore store, GuestbookOptions options, CancellationToken ct) =>
        {
            try
            {
                var (messages, _) = await store.ReadAsync(ct).ConfigureAwait(false);
                return Page(StatusCodes.Status200OK, messages, null, options);
            }
            catch (RedisUnavailableException)
            {
                return Page(StatusCodes.Status503ServiceUnavailable, [], "The guestbook cannot be read right now.", options);
            }
        });

        app.MapPost("/", async (HttpRequest request, MessageStore store, GuestbookOptions options, CancellationToken ct) =>
        {
            string? message = null;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
                message = form["message"].ToString().Trim();
            }
            if (MessageRules.Check(message, options) is { } problem)
            {
                return await PageWithMessagesAsync(problem.Status, problem.Error, store, options, ct).ConfigureAwait(false);
            }
            try
            {
                await store.AddAsync(message!, ct).ConfigureAwait(false);
                // Post/Redirect/Get: reloading the page does not post the message again.
                return new SeeOther("/");
            }
            catch (RedisUnavailableException)
            {
                return await PageWithMessagesAsync(StatusCodes.Status503ServiceUnavailable,
                    "The message could not be saved: the Redis master is unavailable.", store, options, ct).ConfigureAwait(false);
            }
        });

        app.MapGet("/api/messages", async (MessageStore store, CancellationToken ct) =>
        {
            try
            {
                var (messages, source) = await store.ReadAsync(ct).ConfigureAwait(false);
                return Results.Json(new { messages, source = source.Role });
            }
            catch (RedisUnavailableException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "redis unavailable: no replica or master answered");
            }
        });

        app.MapPost("/api/messages", async (HttpRequest request, MessageStore store, GuestbookOptions options, CancellationToken ct) =>
        {
            NewMessage? body;
            try
            {
                body = await request.ReadFromJsonAsync<NewMessage>(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
            {
                return Error(StatusCodes.Status400BadRequest, "the body must be JSON like {\"message\": \"…\"}");
            }
            var message = body?.Message?.Trim();
            if (MessageRules.Check(message, options) is { } problem)
            {
                return Error(problem.Status, problem.Error);
            }
            try
            {
                await store.AddAsync(message!, ct).ConfigureAwait(false);
                return Results.Json(new { message }, statusCode: StatusCodes.Status201Created);
            }
            catch (RedisUnavailableException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "redis master unavailable: writes are refused, reads still work");
            }
        });

        app.MapGet("/guestbook.php", async (string? cmd, string? key, string? value, MessageStore store, GuestbookOptions options, CancellationToken ct) =>
        {
            if (key != MessageStore.Key)
            {
                return Error(StatusCodes.Status400BadRequest, $"unknown key; only '{MessageStore.Key}' is served");
            }
            try
            {
                switch (cmd)
                {
                    case "get":
                        var (messages, _) = await store.ReadAsync(ct).ConfigureAwait(false);
                        return Results.Json(new { data = string.Join(',', messages) });
                    case "set":
                        var entries = (value ?? "").Split(',').Where(m => m.Length > 0).ToArray();
                        if (MessageRules.CheckAll(entries, options) is { } problem)
                        {
                            return Error(problem.Status, problem.Error);
                        }
                        await store.ReplaceAsync(entries, ct).ConfigureAwait(false);
                        return Results.Json(new { message = "Updated" });
                    default:
                        return Error(StatusCodes.Status400BadRequest, "cmd must be 'get' or 'set'");
                }
            }
            catch (RedisUnavailableException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, cmd == "set"
                    ? "redis master unavailable: writes are refused, reads still work"
                    : "redis unavailable: no replica or master answered");
            }
        });

        app.MapGet("/healthz", () => Results.Text("ok\n"));

        app.MapGet("/readyz", async (MessageStore store, CancellationToken ct) =>
        {
            var servers = await store.ProbeAsync(ct).ConfigureAwait(false);
            var ready = servers.Values.Any(up => up);
            return Results.Json(new { ready, servers }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.MapMetrics("/metrics", app.Services.GetRequiredService<RequestMetrics>().Registry);
    }

    private static IResult Error(int status, string error) => Results.Json(new { error }, statusCode: status);

    private static IResult Page(int status, IReadOnlyList<string> messages, string? notice, GuestbookOptions options) =>
        Results.Text(HomePage.Render(messages, notice, options.MaxMessageLength), "text/html; charset=utf-8", statusCode: status);

    private static async Task<IResult> PageWithMessagesAsync(int status, string notice, MessageStore store, GuestbookOptions options, CancellationToken ct)
    {
        IReadOnlyList<string> messages;
        try
        {
            (messages, _) = await store.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (RedisUnavailableException)
        {
            messages = [];
        }
        return Page(status, messages, notice, options);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Guestbook started; Redis {Master}, reads from {Replica}")]
    private static partial void LogStarted(ILogger logger, string master, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guestbook stopping; finishing requests in flight")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs);
}
