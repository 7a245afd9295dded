namespace Keelson.Server.Webhooks;

/// <summary>Why a webhook request was refused; every reason is answered 400, with the text Argo CD gives.</summary>
public enum WebhookRefusalReason
{
    /// <summary>No header names a known provider: <c>Unknown webhook event</c>.</summary>
    UnknownProvider,

    /// <summary>A known provider, but an event it does not handle (a GitHub <c>issues</c>, a GitLab <c>Note Hook</c>).</summary>
    UnsupportedEvent,

    /// <summary>A secret is configured but the request carries no signature, token or UUID.</summary>
    MissingSignature,

    /// <summary>The signature, token, UUID or basic-auth credentials do not match the configured ones.</summary>
    SignatureMismatch,

    /// <summary>The body is larger than <c>webhook.maxPayloadSizeMB</c>.</summary>
    PayloadTooLarge,

    EmptyPayload,

    /// <summary>The body is not JSON, or a field has the wrong type.</summary>
    MalformedPayload,
}
