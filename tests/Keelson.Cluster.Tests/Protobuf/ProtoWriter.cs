using Google.Protobuf;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>Builds protobuf messages field by field with Google.Protobuf's writer, the way Go's generated code lays them out.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();
    private readonly CodedOutputStream _output;

    public ProtoWriter() => _output = new CodedOutputStream(_stream, leaveOpen: true);

    public ProtoWriter Str(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoWriter Int(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteBool(value);
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoWriter Msg(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>One entry of a map&lt;string, string&gt;.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Msg(field, new ProtoWriter().Str(1, key).Str(2, value));

    public byte[] ToArray()
    {
        _output.Flush();
        return _stream.ToArray();
    }

    /// <summary>The request body kubectl sends: "k8s\0" and a runtime.Unknown holding the object.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter obj)
    {
        var unknown = new ProtoWriter()
            .Msg(1, new ProtoWriter().Str(1, apiVersion).Str(2, kind))
            .Msg(2, obj)
            .Str(3, "")
            .Str(4, "");
        return [.. "k8s\0"u8, .. unknown.ToArray()];
    }

    /// <summary>ObjectMeta as Go writes it: every non-pointer scalar present, zero or not, and the zero creationTimestamp.</summary>
    public static ProtoWriter Meta(string name, string ns = "", params (string Key, string Value)[] labels)
    {
        var meta = new ProtoWriter().Str(1, name).Str(2, "").Str(3, ns).Str(4, "").Str(5, "").Str(6, "").Int(7, 0)
            .Msg(8, new ProtoWriter().Int(1, 0).Int(2, 0));
        foreach (var (key, value) in labels) meta.Entry(11, key, value);
        return meta;
    }
}
