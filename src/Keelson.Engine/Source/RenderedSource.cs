using System.Text.Json.Nodes;

namespace Keelson.Engine.Source;

/// <summary>The manifests of a source and how they were made (<c>Kustomize</c> or <c>Directory</c>, Argo CD's sourceType).</summary>
public sealed record RenderedSource(string SourceType, IReadOnlyList<JsonObject> Objects);
