using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Keelson.Cluster.Api.Protobuf;

/// <summary>
/// Turns the protobuf encoding of a message of <see cref="ProtoSchema"/> into the JSON form of the same object,
/// with properties in the order Go's JSON writes them. Google.Protobuf's <see cref="CodedInputStream"/> reads the
/// wire format; this class only maps fields. It does not default or validate the object.
/// </summary>
internal static class ProtobufDecoder
{
    private const int MaxDepth = 64;

    /// <summary>Decodes <paramref name="bytes"/> as <paramref name="message"/>; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="ProtobufFormatException">Malformed bytes, a wire type that does not fit, or a field number the table lacks.</exception>
    public static JsonObject Decode(ProtoMessage message, byte[] bytes, string path = "") => Decode(message, bytes, path, 0);

    private static JsonObject Decode(ProtoMessage message, byte[] bytes, string path, int depth)
    {
        if (depth > MaxDepth) throw new ProtobufFormatException($"protobuf message {message.Name} at {Where(path)} is nested more than {MaxDepth} levels deep");
        var singles = new Dictionary<int, JsonNode?>();
        var lists = new Dictionary<int, JsonArray>();
        var maps = new Dictionary<int, JsonObject>();
        var input = new CodedInputStream(bytes);
        try
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var wire = WireFormat.GetTagWireType(tag);
                if (!message.ByNumber.TryGetValue(number, out var field))
                {
                    throw new ProtobufFormatException(
                        $"protobuf field {number} (wire type {wire}) of message {message.Name} at {Where(path)} is not known to this server; send the object as application/json");
                }
                var fieldPath = Join(path, field);
                switch (field.Shape)
                {
                    case ProtoShape.Single:
                        singles[number] = ReadValue(field, message, input, wire, fieldPath, depth);
                        break;
                    case ProtoShape.Repeated:
                        if (!lists.TryGetValue(number, out var list)) lists[number] = list = [];
                        if (wire == WireFormat.WireType.LengthDelimited && field.Kind is ProtoKind.Int or ProtoKind.Bool or ProtoKind.Float64)
                        {
                            ReadPacked(field, message, input.ReadBytes().ToByteArray(), list, fieldPath, depth);
                        }
                        else
                        {
                            list.Add(ReadValue(field, message, input, wire, $"{fieldPath}[{list.Count}]", depth));
                        }
                        break;
                    case ProtoShape.Map:
                        if (!maps.TryGetValue(number, out var map)) maps[number] = map = [];
                        Expect(field, message, wire, WireFormat.WireType.LengthDelimited);
                        ReadMapEntry(field, message, input.ReadBytes().ToByteArray(), map, fieldPath, depth);
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ProtobufFormatException($"malformed protobuf in message {message.Name} at {Where(path)}: {ex.Message}");
        }
        return Assemble(message, singles, lists, maps);
    }

    /// <summary>Writes the decoded fields in table order: zeros dropped unless kept, inlined messages spliced in.</summary>
    private static JsonObject Assemble(ProtoMessage message, Dictionary<int, JsonNode?> singles, Dictionary<int, JsonArray> lists, Dictionary<int, JsonObject> maps)
    {
        var result = new JsonObject();
        foreach (var field in message.Fields)
        {
            switch (field.Shape)
            {
                case ProtoShape.Repeated when lists.TryGetValue(field.Number, out var list):
                    result[field.JsonName] = list;
                    break;
                case ProtoShape.Map when maps.TryGetValue(field.Number, out var map):
                    result[field.JsonName] = map;
                    break;
                case ProtoShape.Single when singles.TryGetValue(field.Number, out var value):
                    if (field.Inline && value is JsonObject inner)
                    {
                        foreach (var name in inner.Select(p => p.Key).ToList())
                        {
                            var child = inner[name];
                            inner.Remove(name);
                            result[name] = child;
                        }
                    }
                    else if (field.KeepZero || !IsZero(value))
                    {
                        result[field.JsonName] = value;
                    }
                    break;
            }
        }
        return result;
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length == 0,
        JsonValue v when v.TryGetValue<long>(out var number) => number == 0,
        JsonValue v when v.TryGetValue<bool>(out var flag) => !flag,
        JsonValue v when v.TryGetValue<double>(out var real) => real == 0,
        _ => false,
    };

    private static JsonNode? ReadValue(ProtoField field, ProtoMessage owner, CodedInputStream input, WireFormat.WireType wire, string path, int depth)
    {
        switch (field.Kind)
        {
            case ProtoKind.Int:
                Expect(field, owner, wire, WireFormat.WireType.Varint);
                return JsonValue.Create(input.ReadInt64());
            case ProtoKind.Bool:
                Expect(field, owner, wire, WireFormat.WireType.Varint);
                return JsonValue.Create(input.ReadBool());
            case ProtoKind.Float64:
                Expect(field, owner, wire, WireFormat.WireType.Fixed64);
                var number = input.ReadDouble();
                if (!double.IsFinite(number)) throw new ProtobufFormatException($"{Where(path)}: {number} cannot be written as JSON");
                return JsonValue.Create(number);
        }
        Expect(field, owner, wire, WireFormat.WireType.LengthDelimited);
        return field.Kind switch
        {
            ProtoKind.Str => JsonValue.Create(input.ReadString()),
            ProtoKind.Bytes => JsonValue.Create(input.ReadBytes().ToBase64()),
            ProtoKind.Message => Decode(ProtoSchema.Messages[field.MessageName!], input.ReadBytes().ToByteArray(), path, depth + 1),
            _ => ProtobufWellKnown.Decode(field.Kind, input.ReadBytes().ToByteArray(), path),
        };
    }

    private static void ReadPacked(ProtoField field, ProtoMessage owner, byte[] bytes, JsonArray list, string path, int depth)
    {
        var packed = new CodedInputStream(bytes);
        var wire = field.Kind == ProtoKind.Float64 ? WireFormat.WireType.Fixed64 : WireFormat.WireType.Varint;
        while (!packed.IsAtEnd) list.Add(ReadValue(field, owner, packed, wire, $"{path}[{list.Count}]", depth));
    }

    /// <summary>A map entry is a message {1 key, 2 value}; either may be absent and then is its zero value.</summary>
    private static void ReadMapEntry(ProtoField field, ProtoMessage owner, byte[] bytes, JsonObject map, string path, int depth)
    {
        var entry = new CodedInputStream(bytes);
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        uint tag;
        while ((tag = entry.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when wire == WireFormat.WireType.LengthDelimited:
                    key = entry.ReadString();
                    break;
                case 2:
                    value = ReadValue(field, owner, entry, wire, $"{path}[{key}]", depth);
                    hasValue = true;
                    break;
                default:
                    throw new ProtobufFormatException(
                        $"protobuf map entry of {owner.Name}.{field.JsonName} at {Where(path)} has field {WireFormat.GetTagFieldNumber(tag)} (wire type {wire}); expected 1 key and 2 value");
            }
        }
        map[key] = hasValue ? value : ZeroValue(field);
    }

    private static JsonNode? ZeroValue(ProtoField field) => field.Kind switch
    {
        ProtoKind.Str or ProtoKind.Bytes => JsonValue.Create(""),
        ProtoKind.Quantity => JsonValue.Create("0"),
        ProtoKind.Int => JsonValue.Create(0L),
        ProtoKind.Bool => JsonValue.Create(false),
        ProtoKind.Message => new JsonObject(),
        _ => null,
    };

    private static void Expect(ProtoField field, ProtoMessage owner, WireFormat.WireType actual, WireFormat.WireType expected)
    {
        if (actual != expected)
        {
            throw new ProtobufFormatException(
                $"protobuf field {field.Number} ({field.JsonName}) of message {owner.Name} has wire type {actual}, expected {expected}");
        }
    }

    private static string Join(string path, ProtoField field) =>
        field.Inline ? path : path.Length == 0 ? field.JsonName : $"{path}.{field.JsonName}";

    private static string Where(string path) => path.Length == 0 ? "the top level" : path;
}
