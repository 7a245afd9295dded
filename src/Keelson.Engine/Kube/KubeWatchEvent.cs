using System.Text.Json.Nodes;

namespace Keelson.Engine.Kube;

public sealed record KubeWatchEvent(WatchEventType Type, JsonObject Object);
