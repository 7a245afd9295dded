using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Cluster.Storage;
using Keelson.Resources;

namespace Keelson.Cluster.Registry;

/// <summary>
/// Turns objects into stored bytes and back. The stored form carries no resourceVersion: like etcd-backed
/// Kubernetes, the version is the entry's mod revision and is put back on every read.
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Encode(JsonObject obj)
    {
        var rv = obj.GetMetadata()?["resourceVersion"];
        if (rv is not null) obj.GetMetadata()!.Remove("resourceVersion");
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(obj);
        }
        finally
        {
            if (rv is not null) obj.Metadata()["resourceVersion"] = rv;
        }
    }

    public static JsonObject Decode(StoredEntry entry) => Decode(entry.Value.Span, entry.ModRevision);

    public static JsonObject Decode(ReadOnlySpan<byte> value, long revision)
    {
        var obj = JsonNode.Parse(value)!.AsObject();
        obj.Metadata()["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }
}
