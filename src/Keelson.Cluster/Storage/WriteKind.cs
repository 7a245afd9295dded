namespace Keelson.Cluster.Storage;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
}
