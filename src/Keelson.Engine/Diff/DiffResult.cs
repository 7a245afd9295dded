using System.Text.Json.Nodes;

namespace Keelson.Engine.Diff;

/// <summary>
/// The outcome of <see cref="ResourceDiff.Compare"/>: whether the object is out of sync, and both sides as they
/// were compared (normalised, ignored fields removed; Secret data not yet masked). A side is null when the
/// object is missing there: no live object means it is to be created, no target means it is to be pruned.
/// </summary>
public sealed record DiffResult(bool Modified, JsonObject? NormalizedLive, JsonObject? NormalizedTarget);
