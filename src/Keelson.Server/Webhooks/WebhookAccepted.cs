namespace Keelson.Server.Webhooks;

/// <summary>A push, verified where a secret is set: answered 200, then matched against the applications.</summary>
public sealed record WebhookAccepted(PushEvent Push) : WebhookOutcome(200, "");
