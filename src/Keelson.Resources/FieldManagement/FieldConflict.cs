namespace Keelson.Resources.FieldManagement;

/// <summary>A field that an apply would change but another manager owns; <see cref="Field"/> is written like ".spec.replicas".</summary>
public sealed record FieldConflict(string Manager, string Field);
