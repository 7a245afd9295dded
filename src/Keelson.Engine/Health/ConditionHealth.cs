using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// Custom resources that report themselves through one condition, as Argo CD judges them: <c>Ready</c> for
/// cert-manager's Issuer and ClusterIssuer and external-secrets' ExternalSecret, <c>Synced</c> for Sealed Secrets'
/// SealedSecret; a Certificate being issued is Progressing first. The condition True is Healthy, False Degraded, each
/// with the condition's message; without it the object is still waiting for its controller.
/// </summary>
internal static class ConditionHealth
{
    public static Func<JsonObject, HealthResult> For(string conditionType, string waiting) => obj => Assess(obj, conditionType, waiting);

    /// <summary>cert-manager.io/Certificate: an Issuing condition that is True means a new certificate is on its way.</summary>
    public static HealthResult Certificate(JsonObject certificate)
    {
        var issuing = HealthFields.Objects(certificate, "status", "conditions").FirstOrDefault(c => c.GetString("type") == "Issuing" && c.GetString("status") == "True");
        return issuing is not null ? HealthResult.Of(HealthStatus.Progressing, issuing.GetString("message")) : Assess(certificate, "Ready", "Waiting for certificate");
    }

    private static HealthResult Assess(JsonObject obj, string conditionType, string waiting)
    {
        foreach (var condition in HealthFields.Objects(obj, "status", "conditions"))
        {
            if (condition.GetString("type") != conditionType) continue;
            switch (condition.GetString("status"))
            {
                case "True":
                    return HealthResult.Of(HealthStatus.Healthy, condition.GetString("message"));
                case "False":
                    return HealthResult.Of(HealthStatus.Degraded, condition.GetString("message"));
            }
        }
        return HealthResult.Of(HealthStatus.Progressing, waiting);
    }
}
