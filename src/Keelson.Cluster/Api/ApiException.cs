using System.Text.Json.Nodes;

namespace Keelson.Cluster.Api;

/// <summary>
/// A request the server refuses, carried to the response as a metav1.Status with <see cref="Code"/> and
/// <see cref="Reason"/>. Thrown only for client errors and expected conflicts.
/// </summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code => code;

    public string Reason => reason;

    public JsonObject? Details => details;

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details.DeepClone();
        status["code"] = code;
        return status;
    }
}
