using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Registry;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    /// <summary>How often an idle watch that allows bookmarks gets one.</summary>
    internal static TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    private async Task WatchAsync(HttpContext context, ResourceRequest request)
    {
        var query = context.Request.Query;
        var (labels, fields) = Selectors(context.Request, request.Type);
        var bookmarks = query["allowWatchBookmarks"].ToString() is "true" or "1";
        var table = MediaTypes.WantsTable(context.Request.Headers.Accept);
        var includeObject = IncludeObject(context.Request);
        var timeout = TimeSpan.FromMinutes(30);
        var timeoutText = query["timeoutSeconds"].ToString();
        if (timeoutText.Length > 0)
        {
            if (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) throw ApiErrors.BadRequest($"invalid timeoutSeconds: {timeoutText}");
            timeout = TimeSpan.FromSeconds(seconds);
        }

        var rvText = query["resourceVersion"].ToString();
        long after;
        List<JsonObject> initial = [];
        if (rvText.Length == 0 || rvText == "0")
        {
            // Like kube-apiserver: a watch without a version starts with the current state as ADDED events.
            (initial, after) = registry.List(request.Type, request.Namespace);
        }
        else if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw ApiErrors.BadRequest($"invalid resource version: {rvText}");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.Headers.CacheControl = "no-cache, private";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        var stream = new WatchStream(context.Response, request.Type, table, includeObject, time);

        IStoreWatch watch;
        try
        {
            watch = registry.Watch(request.Type, request.Namespace, after);
        }
        catch (RevisionCompactedException ex)
        {
            await stream.WriteErrorAsync(ApiErrors.Expired($"too old resource version: {ex.Requested} ({ex.Compacted + 1})").ToStatus(), context.RequestAborted);
            return;
        }

        using (watch)
        {
            try
            {
                await context.Response.StartAsync(deadline.Token);
                foreach (var obj in initial.Where(o => Matches(request.Type, o, labels, fields)))
                {
                    await stream.WriteAsync("ADDED", AsServed(request.Type, obj), deadline.Token);
                }
                await stream.FlushAsync(deadline.Token);
                var lastRevision = after;
                var reader = watch.Events;
                while (true)
                {
                    if (!reader.TryRead(out var change))
                    {
                        await stream.FlushAsync(deadline.Token);
                        if (!await WaitForEventAsync(reader, bookmarks, deadline.Token))
                        {
                            if (reader.Completion.IsCompleted) break;
                            await stream.WriteBookmarkAsync(lastRevision, deadline.Token);
                            await stream.FlushAsync(deadline.Token);
                        }
                        continue;
                    }
                    lastRevision = change.Revision;
                    var (type, obj) = Translate(request.Type, change, labels, fields);
                    if (type is not null) await stream.WriteAsync(type, AsServed(request.Type, obj!), deadline.Token);
                }
                if (reader.Completion.IsFaulted)
                {
                    await stream.WriteErrorAsync(ApiErrors.Expired("the watch fell too far behind; list and watch again").ToStatus(), deadline.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: end the stream cleanly.
            }
            catch (IOException)
            {
                // Client disconnected mid-write.
            }
        }
    }

    /// <summary>Waits for the next event; false when a bookmark is due (or the watch ended) instead.</summary>
    private static async Task<bool> WaitForEventAsync(System.Threading.Channels.ChannelReader<StoreEvent> reader, bool bookmarks, CancellationToken cancellationToken)
    {
        if (!bookmarks) return await reader.WaitToReadAsync(cancellationToken);
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        tick.CancelAfter(BookmarkInterval);
        try
        {
            return await reader.WaitToReadAsync(tick.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Maps a store change to a watch event as seen through the selectors: objects moving into the selection are ADDED, out of it DELETED.</summary>
    private static (string? Type, JsonObject? Object) Translate(ResourceType type, StoreEvent change, LabelSelector labels, FieldSelector fields)
    {
        var current = ObjectCodec.Decode(change.Entry);
        var nowMatches = Matches(type, current, labels, fields);
        switch (change.Type)
        {
            case StoreEventType.Created:
                return nowMatches ? ("ADDED", current) : (null, null);
            case StoreEventType.Deleted:
                return nowMatches ? ("DELETED", current) : (null, null);
            default:
                var before = change.Previous is null ? null : ObjectCodec.Decode(change.Previous);
                var wasMatching = before is not null && Matches(type, before, labels, fields);
                return (wasMatching, nowMatches) switch
                {
                    (true, true) => ("MODIFIED", current),
                    (false, true) => ("ADDED", current),
                    (true, false) => ("DELETED", current),
                    _ => (null, null),
                };
        }
    }

    /// <summary>Writes watch events as one compact JSON object per line.</summary>
    private sealed class WatchStream(HttpResponse response, ResourceType type, bool table, bool includeObject, TimeProvider time)
    {
        private bool _columnsSent;

        public Task WriteAsync(string eventType, JsonObject obj, CancellationToken cancellationToken)
        {
            JsonNode payload = obj;
            if (table)
            {
                var rendered = TableConverter.ToTable(type, [obj], obj.GetResourceVersion() ?? "", time.GetUtcNow(), includeObject);
                if (_columnsSent) rendered["columnDefinitions"] = new JsonArray();
                _columnsSent = true;
                payload = rendered;
            }
            return WriteLineAsync(new JsonObject { ["type"] = eventType, ["object"] = payload }, cancellationToken);
        }

        public Task WriteBookmarkAsync(long revision, CancellationToken cancellationToken)
        {
            var marker = new JsonObject
            {
                ["kind"] = table ? "Table" : type.Kind,
                ["apiVersion"] = table ? "meta.k8s.io/v1" : type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            };
            return WriteLineAsync(new JsonObject { ["type"] = "BOOKMARK", ["object"] = marker }, cancellationToken);
        }

        public async Task WriteErrorAsync(JsonObject status, CancellationToken cancellationToken)
        {
            if (!response.HasStarted)
            {
                response.StatusCode = 200;
                response.ContentType = MediaTypes.Json;
            }
            await WriteLineAsync(new JsonObject { ["type"] = "ERROR", ["object"] = status }, cancellationToken);
            await FlushAsync(cancellationToken);
        }

        public Task FlushAsync(CancellationToken cancellationToken) => response.Body.FlushAsync(cancellationToken);

        private async Task WriteLineAsync(JsonObject evt, CancellationToken cancellationToken)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(evt, CompactJson);
            await response.Body.WriteAsync(bytes, cancellationToken);
            await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
    }
}
