namespace Keelson.Cluster.Catalog;

/// <summary>What a KubernetesClient model type is on the wire, as the OpenAPI schemas describe it.</summary>
internal enum ModelShape
{
    /// <summary>Any JSON value (RawExtension, JSON, FieldsV1).</summary>
    Any,
    String,
    Boolean,
    Int32,
    Int64,
    Number,
    Bytes,

    /// <summary>metav1.Time: a string in RFC 3339 format.</summary>
    Time,

    /// <summary>intstr.IntOrString.</summary>
    IntOrString,

    /// <summary>resource.Quantity.</summary>
    Quantity,
    Array,
    Map,
    Object,
}
