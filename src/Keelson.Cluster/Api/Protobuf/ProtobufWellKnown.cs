using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Keelson.Resources;

namespace Keelson.Cluster.Api.Protobuf;

/// <summary>
/// The apimachinery messages whose JSON form is not an object: Time, MicroTime, Duration, Quantity, IntOrString,
/// and the raw JSON of RawExtension and FieldsV1. Also reads small flat messages such as the envelope.
/// </summary>
internal static class ProtobufWellKnown
{
    private const WireFormat.WireType Varint = WireFormat.WireType.Varint;
    private const WireFormat.WireType Bytes = WireFormat.WireType.LengthDelimited;

    /// <summary>Decodes the bytes of a message of <paramref name="kind"/> into its JSON value.</summary>
    public static JsonNode? Decode(ProtoKind kind, byte[] bytes, string path)
    {
        switch (kind)
        {
            case ProtoKind.Time:
            case ProtoKind.MicroTime:
                {
                    var fields = ReadFlat(bytes, kind.ToString(), path, (1, Varint), (2, Varint));
                    var seconds = (long)Number(fields, 1);
                    var nanos = (long)(int)Number(fields, 2);
                    // Go writes the zero time as null.
                    if (seconds == 0 && nanos == 0) return null;
                    return JsonValue.Create(FormatTime(seconds, nanos, micro: kind == ProtoKind.MicroTime, path));
                }
            case ProtoKind.Duration:
                return JsonValue.Create(GoDuration.Format((long)Number(ReadFlat(bytes, "Duration", path, (1, Varint)), 1)));
            case ProtoKind.Quantity:
                return JsonValue.Create(Text(ReadFlat(bytes, "Quantity", path, (1, Bytes)), 1) ?? "0");
            case ProtoKind.IntOrString:
                {
                    var fields = ReadFlat(bytes, "IntOrString", path, (1, Varint), (2, Varint), (3, Bytes));
                    return Number(fields, 1) == 1
                        ? JsonValue.Create(Text(fields, 3) ?? "")
                        : JsonValue.Create((long)(int)Number(fields, 2));
                }
            case ProtoKind.RawJson:
                {
                    var fields = ReadFlat(bytes, "RawExtension", path, (1, Bytes));
                    if (!fields.TryGetValue(1, out var raw) || ((ByteString)raw).IsEmpty) return null;
                    try
                    {
                        return JsonNode.Parse(((ByteString)raw).Span);
                    }
                    catch (JsonException ex)
                    {
                        throw new ProtobufFormatException($"{path}: the embedded raw object is not JSON: {ex.Message}");
                    }
                }
            default:
                throw new InvalidOperationException($"{kind} is not a well-known message");
        }
    }

    /// <summary>
    /// Reads a message whose fields are all varints (as ulong) or length-delimited (as ByteString), refusing
    /// any field not in <paramref name="expected"/> with <paramref name="messageName"/> and the field number.
    /// </summary>
    public static Dictionary<int, object> ReadFlat(byte[] bytes, string messageName, string path, params (int Number, WireFormat.WireType Wire)[] expected)
    {
        var result = new Dictionary<int, object>();
        var input = new CodedInputStream(bytes);
        try
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var wire = WireFormat.GetTagWireType(tag);
                if (!expected.Contains((number, wire)))
                {
                    throw new ProtobufFormatException(
                        $"protobuf field {number} (wire type {wire}) of message {messageName} at {(path.Length == 0 ? "the top level" : path)} is not known to this server");
                }
                result[number] = wire == Varint ? input.ReadUInt64() : input.ReadBytes();
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ProtobufFormatException($"malformed protobuf in message {messageName}{(path.Length == 0 ? "" : " at " + path)}: {ex.Message}");
        }
        return result;
    }

    /// <summary>A length-delimited field as UTF-8 text, or null when absent.</summary>
    public static string? Text(Dictionary<int, object> fields, int number) =>
        fields.TryGetValue(number, out var value) ? ((ByteString)value).ToStringUtf8() : null;

    private static ulong Number(Dictionary<int, object> fields, int number) => fields.TryGetValue(number, out var value) ? (ulong)value : 0;

    private static string FormatTime(long seconds, long nanos, bool micro, string path)
    {
        try
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micro ? nanos / 100 : 0).UtcDateTime;
            return time.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ProtobufFormatException($"{path}: {seconds} seconds since 1970 is not a representable time");
        }
    }
}
