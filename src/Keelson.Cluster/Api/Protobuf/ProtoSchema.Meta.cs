using static Keelson.Cluster.Api.Protobuf.ProtoKind;
using static Keelson.Cluster.Api.Protobuf.ProtoShape;

namespace Keelson.Cluster.Api.Protobuf;

internal static partial class ProtoSchema
{
    /// <summary>meta/v1: ObjectMeta and the selector and condition types the workloads share.</summary>
    private static ProtoMessage[] MetaMessages() =>
    [
        M("ObjectMeta",
            F(1, "name", Str),
            F(2, "generateName", Str),
            F(3, "namespace", Str),
            F(4, "selfLink", Str),
            F(5, "uid", Str),
            F(6, "resourceVersion", Str),
            F(7, "generation", Int),
            F(8, "creationTimestamp", Time),
            F(9, "deletionTimestamp", Time),
            F(10, "deletionGracePeriodSeconds", Int, keep: true),
            F(11, "labels", Str, Map),
            F(12, "annotations", Str, Map),
            F(13, "ownerReferences", "OwnerReference", Repeated),
            F(14, "finalizers", Str, Repeated),
            F(17, "managedFields", "ManagedFieldsEntry", Repeated)),
        M("OwnerReference",
            F(5, "apiVersion", Str, keep: true),
            F(1, "kind", Str, keep: true),
            F(3, "name", Str, keep: true),
            F(4, "uid", Str, keep: true),
            F(6, "controller", Bool, keep: true),
            F(7, "blockOwnerDeletion", Bool, keep: true)),
        M("ManagedFieldsEntry",
            F(1, "manager", Str),
            F(2, "operation", Str),
            F(3, "apiVersion", Str),
            F(4, "time", Time),
            F(6, "fieldsType", Str),
            F(7, "fieldsV1", RawJson),
            F(8, "subresource", Str)),
        M("LabelSelector",
            F(1, "matchLabels", Str, Map),
            F(2, "matchExpressions", "LabelSelectorRequirement", Repeated)),
        M("LabelSelectorRequirement",
            F(1, "key", Str, keep: true),
            F(2, "operator", Str, keep: true),
            F(3, "values", Str, Repeated)),
        M("Condition",
            F(1, "type", Str, keep: true),
            F(2, "status", Str, keep: true),
            F(3, "observedGeneration", Int),
            F(4, "lastTransitionTime", Time),
            F(5, "reason", Str, keep: true),
            F(6, "message", Str, keep: true)),
    ];
}
