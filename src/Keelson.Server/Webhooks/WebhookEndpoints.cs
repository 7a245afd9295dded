using System.Text;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Server.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Keelson.Server.Webhooks;

/// <summary>
/// <c>POST /api/webhook</c>: a Git host's push refreshes, at once, every Application whose source it touches
/// (<see cref="WebhookMatcher"/>), by the annotation the engine acts on. Needs no session: the payload is checked by
/// the provider's signature when <c>argocd-secret</c> holds one, and can only ever cause a refresh.
/// </summary>
public static partial class WebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/api/webhook", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, KubeClient control, ApplicationCache cache, ServerOptions options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Keelson.Server.Webhooks");
        var settings = await SettingsAsync(control, options.ControlNamespace, context.RequestAborted);
        // Kestrel's own limit (30 MB) would answer 413 first: the handler enforces webhook.maxPayloadSizeMB itself.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = settings.MaxPayloadSizeBytes + 1;
        var outcome = await new WebhookHandler(settings).HandleAsync(context.Request.Headers, context.Request.Body, context.RequestAborted);
        switch (outcome)
        {
            case WebhookRefused refused:
                LogRefused(logger, refused.Provider?.ToString() ?? "unknown", refused.Reason.ToString(), refused.Detail);
                break;
            case WebhookAccepted { Push: var push }:
                var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
                foreach (var decision in WebhookMatcher.Match(push, cache.List().Select(a => a.Object)))
                {
                    if (!decision.Refresh)
                    {
                        LogSkipped(logger, decision.Name, decision.Reason);
                        continue;
                    }
                    await control.MergePatchAsync(type, decision.Namespace, decision.Name, new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["argocd.argoproj.io/refresh"] = "normal" } },
                    }, cancellationToken: context.RequestAborted);
                    LogRefreshed(logger, decision.Name, push.Provider.ToString(), push.Revision);
                }
                break;
        }
        return Results.Text(outcome.Message.Length == 0 ? "" : outcome.Message + "\n", "text/plain; charset=utf-8", Encoding.UTF8, outcome.StatusCode);
    }

    /// <summary>The webhook secrets of <c>argocd-secret</c> (decoded) and the payload limit of <c>argocd-cm</c>, read afresh.</summary>
    private static async Task<WebhookSettings> SettingsAsync(KubeClient control, string ns, CancellationToken cancellationToken)
    {
        var secret = await control.GetAsync("v1", "Secret", ns, "argocd-secret", cancellationToken);
        var configMap = await control.GetAsync("v1", "ConfigMap", ns, "argocd-cm", cancellationToken);
        var secretData = (secret?["data"] as JsonObject ?? []).Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => Decode(kv.Value!.ToString()), StringComparer.Ordinal);
        var configData = (configMap?["data"] as JsonObject ?? []).Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
        return WebhookSettings.FromArgoCd(secretData, configData);
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused ({Provider}): {Reason}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string provider, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook: {App} not refreshed: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook: refreshing {App} ({Provider} push to {Revision})")]
    private static partial void LogRefreshed(ILogger logger, string app, string provider, string revision);
}
