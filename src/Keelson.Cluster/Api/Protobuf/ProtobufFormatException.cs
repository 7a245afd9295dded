namespace Keelson.Cluster.Api.Protobuf;

/// <summary>The body is not a well-formed Kubernetes protobuf object, or holds a field this server does not know; a 400.</summary>
internal sealed class ProtobufFormatException(string message) : Exception(message);
