namespace Keelson.Server.Webhooks;

/// <summary>
/// What the <see cref="WebhookHandler"/> made of a request, with the HTTP answer Argo CD gives for it: a
/// <see cref="WebhookAccepted"/> push to match applications against, a <see cref="WebhookIgnored"/> event (a ping)
/// or a <see cref="WebhookRefused"/> request.
/// </summary>
/// <remarks>
/// Argo CD answers with Go's <c>http.Error</c>: <c>text/plain; charset=utf-8</c>, the message and a newline. A 200
/// has an empty body.
/// </remarks>
public abstract record WebhookOutcome(int StatusCode, string Message);
