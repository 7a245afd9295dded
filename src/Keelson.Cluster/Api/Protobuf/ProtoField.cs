namespace Keelson.Cluster.Api.Protobuf;

/// <summary>One field of a message in the schema table.</summary>
/// <param name="Number">The protobuf field number.</param>
/// <param name="JsonName">The JSON property it becomes; empty for an inlined (embedded) message.</param>
/// <param name="Kind">How the value (for a map, the map's value) is read.</param>
/// <param name="MessageName">The nested message when <paramref name="Kind"/> is <see cref="ProtoKind.Message"/>.</param>
/// <param name="Shape">One value, a list, or a map.</param>
/// <param name="KeepZero">
/// Write "", 0 and false too: Go pointers (sent only when set, so a zero is meaningful) and fields without
/// omitempty. Other scalars are always on the wire in Go's encoding and are dropped when zero, as Go's JSON does.
/// </param>
/// <param name="Inline">The nested message's properties are written into this object (Go's embedded struct).</param>
internal sealed record ProtoField(int Number, string JsonName, ProtoKind Kind, string? MessageName, ProtoShape Shape, bool KeepZero, bool Inline);
