using static Keelson.Cluster.Api.Protobuf.ProtoKind;
using static Keelson.Cluster.Api.Protobuf.ProtoShape;

namespace Keelson.Cluster.Api.Protobuf;

internal static partial class ProtoSchema
{
    /// <summary>rbac.authorization.k8s.io/v1 roles and bindings.</summary>
    private static ProtoMessage[] RbacMessages() =>
    [
        M("Role",
            F(1, "metadata", "ObjectMeta"),
            F(2, "rules", "PolicyRule", Repeated)),
        M("ClusterRole",
            F(1, "metadata", "ObjectMeta"),
            F(2, "rules", "PolicyRule", Repeated),
            F(3, "aggregationRule", "AggregationRule")),
        M("PolicyRule",
            F(1, "verbs", Str, Repeated),
            F(2, "apiGroups", Str, Repeated),
            F(3, "resources", Str, Repeated),
            F(4, "resourceNames", Str, Repeated),
            F(5, "nonResourceURLs", Str, Repeated)),
        M("AggregationRule",
            F(1, "clusterRoleSelectors", "LabelSelector", Repeated)),
        M("RoleBinding",
            F(1, "metadata", "ObjectMeta"),
            F(2, "subjects", "Subject", Repeated),
            F(3, "roleRef", "RoleRef")),
        M("ClusterRoleBinding",
            F(1, "metadata", "ObjectMeta"),
            F(2, "subjects", "Subject", Repeated),
            F(3, "roleRef", "RoleRef")),
        M("Subject",
            F(1, "kind", Str, keep: true),
            F(2, "apiGroup", Str),
            F(3, "name", Str, keep: true),
            F(4, "namespace", Str)),
        M("RoleRef",
            F(1, "apiGroup", Str, keep: true),
            F(2, "kind", Str, keep: true),
            F(3, "name", Str, keep: true)),
    ];
}
