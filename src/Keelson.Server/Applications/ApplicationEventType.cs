namespace Keelson.Server.Applications;

/// <summary>The watch event types, written as Argo CD's streams write them (ADDED, MODIFIED, DELETED).</summary>
public enum ApplicationEventType
{
    Added,
    Modified,
    Deleted,
}
