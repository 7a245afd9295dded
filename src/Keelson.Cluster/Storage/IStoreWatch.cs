using System.Threading.Channels;

namespace Keelson.Cluster.Storage;

/// <summary>A running watch. Its reader completes when the watch is disposed, the store closes, or the watcher fell too far behind (then with <see cref="WatchOverflowException"/>).</summary>
public interface IStoreWatch : IDisposable
{
    ChannelReader<StoreEvent> Events { get; }
}
