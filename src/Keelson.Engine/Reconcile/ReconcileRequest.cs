namespace Keelson.Engine.Reconcile;

/// <summary>Why an Application is reconciled: <see cref="RefreshSource"/> asks Git again; otherwise the last resolved revision is reused.</summary>
public sealed record ReconcileRequest(bool RefreshSource);
