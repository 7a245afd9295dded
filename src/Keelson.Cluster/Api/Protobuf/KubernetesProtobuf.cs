using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Keelson.Cluster.Api.Protobuf;

/// <summary>
/// Decodes a request body in <c>application/vnd.kubernetes.protobuf</c>: the magic bytes <c>k8s\0</c>, then a
/// runtime.Unknown {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType} whose raw bytes
/// are the typed object. The result is the object's JSON form, apiVersion and kind first.
/// </summary>
internal static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <exception cref="ProtobufFormatException">Not a Kubernetes protobuf envelope, or the object is malformed.</exception>
    /// <exception cref="ProtobufTypeNotSupportedException">The envelope names a kind without a schema.</exception>
    public static JsonObject Decode(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw new ProtobufFormatException("the protobuf body does not start with the Kubernetes magic bytes \"k8s\\x00\"");
        }
        var envelope = ProtobufWellKnown.ReadFlat(body[Magic.Length..], "runtime.Unknown", "",
            (1, WireFormat.WireType.LengthDelimited), (2, WireFormat.WireType.LengthDelimited),
            (3, WireFormat.WireType.LengthDelimited), (4, WireFormat.WireType.LengthDelimited));
        var typeMeta = envelope.TryGetValue(1, out var tm)
            ? ProtobufWellKnown.ReadFlat(((ByteString)tm).ToByteArray(), "runtime.TypeMeta", "typeMeta",
                (1, WireFormat.WireType.LengthDelimited), (2, WireFormat.WireType.LengthDelimited))
            : [];
        var apiVersion = ProtobufWellKnown.Text(typeMeta, 1) ?? "";
        var kind = ProtobufWellKnown.Text(typeMeta, 2) ?? "";
        if (apiVersion.Length == 0 || kind.Length == 0)
        {
            throw new ProtobufFormatException("the protobuf envelope does not name the object's apiVersion and kind");
        }
        var encoding = ProtobufWellKnown.Text(envelope, 3) ?? "";
        if (encoding.Length > 0) throw new ProtobufFormatException($"the protobuf envelope's content encoding \"{encoding}\" is not supported");
        var contentType = ProtobufWellKnown.Text(envelope, 4) ?? "";
        if (contentType.Length > 0 && contentType != MediaType)
        {
            throw new ProtobufFormatException($"the protobuf envelope holds content of type \"{contentType}\", expected {MediaType}");
        }

        var message = ProtoSchema.ForKind(apiVersion, kind) ?? throw new ProtobufTypeNotSupportedException(apiVersion, kind);
        var raw = envelope.TryGetValue(2, out var r) ? ((ByteString)r).ToByteArray() : [];
        var fields = ProtobufDecoder.Decode(message, raw);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var name in fields.Select(p => p.Key).ToList())
        {
            var value = fields[name];
            fields.Remove(name);
            result[name] = value;
        }
        return result;
    }
}
