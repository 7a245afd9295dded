using System.Collections.Frozen;

namespace Keelson.Cluster.Api.Protobuf;

/// <summary>A message of the schema table: its fields in the order their JSON properties are written.</summary>
internal sealed class ProtoMessage
{
    public ProtoMessage(string name, IReadOnlyList<ProtoField> fields)
    {
        Name = name;
        Fields = fields;
        ByNumber = fields.ToFrozenDictionary(f => f.Number);
    }

    public string Name { get; }

    public IReadOnlyList<ProtoField> Fields { get; }

    public FrozenDictionary<int, ProtoField> ByNumber { get; }
}
