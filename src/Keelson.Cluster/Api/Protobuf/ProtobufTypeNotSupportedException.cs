namespace Keelson.Cluster.Api.Protobuf;

/// <summary>The envelope is well formed but names a kind the schema table does not cover; a 415.</summary>
internal sealed class ProtobufTypeNotSupportedException(string apiVersion, string kind)
    : Exception($"the protobuf body holds {apiVersion}, Kind={kind}, which this server cannot decode from protobuf: send application/json")
{
    public string ApiVersion => apiVersion;

    public string Kind => kind;
}
