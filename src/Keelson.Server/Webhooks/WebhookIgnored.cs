namespace Keelson.Server.Webhooks;

/// <summary>
/// An event Argo CD accepts and does nothing with (a GitHub ping, a Bitbucket Server <c>diagnostics:ping</c>, a
/// GitLab system hook that is not a push, an Azure DevOps pull-request event, a push naming no repository): answered
/// 200, nothing to refresh.
/// </summary>
public sealed record WebhookIgnored(WebhookProvider Provider, string Event, string Reason) : WebhookOutcome(200, "");
