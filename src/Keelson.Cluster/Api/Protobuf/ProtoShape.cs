namespace Keelson.Cluster.Api.Protobuf;

/// <summary>Whether a field holds one value, a list, or a map with string keys.</summary>
internal enum ProtoShape
{
    Single,
    Repeated,

    /// <summary>map&lt;string, V&gt;: repeated entries {1 key, 2 value}, written as a JSON object.</summary>
    Map,
}
