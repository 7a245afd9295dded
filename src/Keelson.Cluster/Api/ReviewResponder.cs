using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Api;

/// <summary>
/// Answers authentication and authorization reviews (`kubectl auth whoami`, `kubectl auth can-i`). The embedded
/// cluster has one identity, the token in its kubeconfig, and it may do everything: every access review is allowed.
/// </summary>
internal static class ReviewResponder
{
    public const string Username = "keelson-admin";

    public static bool Handles(ResourceType type) => type.Group is "authentication.k8s.io" or "authorization.k8s.io";

    public static JsonObject Answer(ResourceType type, JsonObject review, DateTimeOffset now)
    {
        var answer = (JsonObject)review.DeepClone();
        var meta = answer.Metadata();
        meta["creationTimestamp"] = KubeTime.Format(now);
        answer["status"] = type.Kind switch
        {
            "SelfSubjectReview" => new JsonObject { ["userInfo"] = UserInfo() },
            "TokenReview" => new JsonObject { ["authenticated"] = true, ["user"] = UserInfo(), ["audiences"] = new JsonArray() },
            "SelfSubjectRulesReview" => new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*") }),
                ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") }),
                ["incomplete"] = false,
            },
            _ => new JsonObject { ["allowed"] = true, ["reason"] = "the Keelson token is cluster-admin" },
        };
        return answer;
    }

    private static JsonObject UserInfo() => new()
    {
        ["username"] = Username,
        ["groups"] = new JsonArray("system:masters", "system:authenticated"),
    };
}
