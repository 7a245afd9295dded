namespace Keelson.Engine.Kube;

public enum WatchEventType { Added, Modified, Deleted, Bookmark, Error }
