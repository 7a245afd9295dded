namespace Keelson.Cluster.Catalog;

/// <summary>Where a resource keeps its replica counts and selector, for the scale subresource (paths like ".spec.replicas").</summary>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
