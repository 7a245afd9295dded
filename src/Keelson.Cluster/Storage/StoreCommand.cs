namespace Keelson.Cluster.Storage;

/// <summary>Work queued for the store's single writer thread.</summary>
internal abstract class StoreCommand;
