namespace Keelson.Cluster.Api.Protobuf;

/// <summary>How one protobuf field's value is read and written as JSON.</summary>
internal enum ProtoKind
{
    /// <summary>A length-delimited UTF-8 string.</summary>
    Str,

    /// <summary>A varint int32 or int64, written as a JSON number.</summary>
    Int,

    /// <summary>A varint bool.</summary>
    Bool,

    /// <summary>A 64-bit IEEE double (fixed64).</summary>
    Float64,

    /// <summary>Length-delimited bytes, written as base64 like Go's []byte.</summary>
    Bytes,

    /// <summary>A nested message described by the schema table.</summary>
    Message,

    /// <summary>meta/v1 Time {1 seconds, 2 nanos}: an RFC 3339 string with second precision; the zero time is null.</summary>
    Time,

    /// <summary>meta/v1 MicroTime: an RFC 3339 string with microseconds.</summary>
    MicroTime,

    /// <summary>meta/v1 Duration {1 nanoseconds}: Go's duration string ("1h0m0s").</summary>
    Duration,

    /// <summary>resource.Quantity {1 string}: its string ("500m", "1Gi").</summary>
    Quantity,

    /// <summary>intstr.IntOrString {1 type, 2 intVal, 3 strVal}: a JSON number or string.</summary>
    IntOrString,

    /// <summary>runtime.RawExtension or meta/v1 FieldsV1 {1 raw}: raw JSON embedded as is.</summary>
    RawJson,
}
