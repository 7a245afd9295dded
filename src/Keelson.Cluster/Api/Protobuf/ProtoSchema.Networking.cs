using static Keelson.Cluster.Api.Protobuf.ProtoKind;
using static Keelson.Cluster.Api.Protobuf.ProtoShape;

namespace Keelson.Cluster.Api.Protobuf;

internal static partial class ProtoSchema
{
    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    private static ProtoMessage[] NetworkingMessages() =>
    [
        M("Ingress",
            F(1, "metadata", "ObjectMeta"),
            F(2, "spec", "IngressSpec"),
            F(3, "status", "IngressStatus")),
        M("IngressSpec",
            F(4, "ingressClassName", Str, keep: true),
            F(1, "defaultBackend", "IngressBackend"),
            F(2, "tls", "IngressTLS", Repeated),
            F(3, "rules", "IngressRule", Repeated)),
        M("IngressBackend",
            F(4, "service", "IngressServiceBackend"),
            F(3, "resource", "TypedLocalObjectReference")),
        M("IngressServiceBackend",
            F(1, "name", Str, keep: true),
            F(2, "port", "ServiceBackendPort")),
        M("ServiceBackendPort",
            F(1, "name", Str),
            F(2, "number", Int)),
        M("IngressTLS",
            F(1, "hosts", Str, Repeated),
            F(2, "secretName", Str)),
        M("IngressRule",
            F(1, "host", Str),
            F(2, "", "IngressRuleValue", inline: true)),
        M("IngressRuleValue",
            F(1, "http", "HTTPIngressRuleValue")),
        M("HTTPIngressRuleValue",
            F(1, "paths", "HTTPIngressPath", Repeated)),
        M("HTTPIngressPath",
            F(1, "path", Str),
            F(3, "pathType", Str, keep: true),
            F(2, "backend", "IngressBackend")),
        M("IngressStatus",
            F(1, "loadBalancer", "IngressLoadBalancerStatus")),
        M("IngressLoadBalancerStatus",
            F(1, "ingress", "IngressLoadBalancerIngress", Repeated)),
        M("IngressLoadBalancerIngress",
            F(1, "ip", Str),
            F(2, "hostname", Str),
            F(4, "ports", "IngressPortStatus", Repeated)),
        M("IngressPortStatus",
            F(1, "port", Int, keep: true),
            F(2, "protocol", Str, keep: true),
            F(3, "error", Str, keep: true)),
    ];
}
