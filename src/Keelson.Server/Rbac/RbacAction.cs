namespace Keelson.Server.Rbac;

/// <summary>
/// The actions of Argo CD's RBAC, written in policies in lower case. <see cref="Update"/>, <see cref="Delete"/> and
/// <see cref="Action"/> also take a path on applications: <c>update/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>,
/// <c>delete/…</c> for the resources of an application, <c>action/&lt;group&gt;/&lt;kind&gt;/&lt;action&gt;</c> for a resource action.
/// </summary>
public enum RbacAction
{
    Get,
    Create,
    Update,
    Delete,
    Sync,
    Rollback,
    Override,
    Action,
    Invoke,
}
