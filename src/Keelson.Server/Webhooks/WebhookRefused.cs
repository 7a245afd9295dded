namespace Keelson.Server.Webhooks;

/// <summary>
/// A request refused with Argo CD's status and text (<see cref="WebhookOutcome.Message"/>, which says no more than
/// Argo CD's does) and, for the log only, the <see cref="Detail"/> of what was wrong. The detail never holds a secret
/// or a signature.
/// </summary>
public sealed record WebhookRefused : WebhookOutcome
{
    public const string UnknownEventText = "Unknown webhook event";
    public const string ProcessingFailedText = "Webhook processing failed";

    public WebhookRefused(WebhookProvider? provider, WebhookRefusalReason reason, string detail, string message)
        : base(400, message)
    {
        Provider = provider;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The provider the headers named; null when none did.</summary>
    public WebhookProvider? Provider { get; }

    public WebhookRefusalReason Reason { get; }

    public string Detail { get; }

    /// <summary>Argo CD's text when a body cannot be read whole (too large or empty) — and, for Azure DevOps, parsed.</summary>
    public static string PayloadUnreadableText(long maxPayloadSizeMB) =>
        $"{ProcessingFailedText}: payload must be valid JSON under {maxPayloadSizeMB} MB";
}
