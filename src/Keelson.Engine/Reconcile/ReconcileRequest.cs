namespace Keelson.Engine.Reconcile;

/// <summary>
/// Why an Application is reconciled: with <see cref="RefreshSince"/> Git must show everything pushed before that time
/// (a fetch that started later will do); otherwise the last resolved revision is reused until the poll interval ends.
/// </summary>
public sealed record ReconcileRequest(DateTimeOffset? RefreshSince)
{
    public bool RefreshSource => RefreshSince is not null;
}
