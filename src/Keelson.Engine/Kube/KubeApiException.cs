using System.Net;
using System.Text.Json.Nodes;

namespace Keelson.Engine.Kube;

/// <summary>The API server refused a request; <see cref="Reason"/> and the message come from its Status object.</summary>
public sealed class KubeApiException(HttpStatusCode code, string reason, string message, JsonObject? status = null)
    : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    /// <summary>The Status reason (NotFound, Conflict, Invalid, AlreadyExists…), or the HTTP reason when the body was not a Status.</summary>
    public string Reason { get; } = reason;

    public JsonObject? Status { get; } = status;

    public bool IsNotFound => Code == HttpStatusCode.NotFound;

    public bool IsConflict => Code == HttpStatusCode.Conflict;
}
