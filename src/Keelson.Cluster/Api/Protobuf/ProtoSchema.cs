using System.Collections.Frozen;

namespace Keelson.Cluster.Api.Protobuf;

/// <summary>
/// The protobuf field table of the built-in kinds kubectl's typed <c>create</c> commands send: for each message,
/// field number → JSON name and how to read the value. Field numbers and JSON names follow the upstream
/// k8s.io/api and k8s.io/apimachinery types; messages outside the table are refused field by field.
/// </summary>
internal static partial class ProtoSchema
{
    /// <summary>Top-level kinds decodable from protobuf, by apiVersion and kind, each a message of the same name.</summary>
    private static readonly FrozenSet<(string ApiVersion, string Kind)> TopLevel = new[]
    {
        ("v1", "Namespace"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "ServiceAccount"), ("v1", "Service"), ("v1", "ResourceQuota"),
        ("apps/v1", "Deployment"),
        ("batch/v1", "Job"), ("batch/v1", "CronJob"),
        ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("policy/v1", "PodDisruptionBudget"),
        ("scheduling.k8s.io/v1", "PriorityClass"),
        ("networking.k8s.io/v1", "Ingress"),
    }.ToFrozenSet();

    /// <summary>Every message of the table by name.</summary>
    public static FrozenDictionary<string, ProtoMessage> Messages { get; } =
        MetaMessages().Concat(CoreMessages()).Concat(PodMessages()).Concat(WorkloadMessages())
            .Concat(RbacMessages()).Concat(PolicyMessages()).Concat(NetworkingMessages())
            .ToFrozenDictionary(m => m.Name);

    /// <summary>The message of a top-level object, or null when that kind cannot be decoded from protobuf.</summary>
    public static ProtoMessage? ForKind(string apiVersion, string kind) =>
        TopLevel.Contains((apiVersion, kind)) ? Messages[kind] : null;

    /// <summary>The kinds <see cref="ForKind"/> knows, for tests and error messages.</summary>
    public static IEnumerable<(string ApiVersion, string Kind)> Kinds => TopLevel;

    private static ProtoMessage M(string name, params ProtoField[] fields) => new(name, fields);

    private static ProtoField F(int number, string json, ProtoKind kind, ProtoShape shape = ProtoShape.Single, bool keep = false) =>
        new(number, json, kind, null, shape, keep, Inline: false);

    private static ProtoField F(int number, string json, string message, ProtoShape shape = ProtoShape.Single, bool inline = false) =>
        new(number, json, ProtoKind.Message, message, shape, KeepZero: false, inline);
}
