using System.Text.Json.Nodes;

namespace Keelson.Engine.Customizations;

/// <summary>What an action asks to write: <see cref="Object"/> patched over the live object, or created.</summary>
public sealed record ImpactedResource(ImpactedOperation Operation, JsonObject Object);
