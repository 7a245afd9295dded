namespace Keelson.Server.Applications;

/// <summary>A change of one Application, as the streams send it.</summary>
public readonly record struct ApplicationEvent(ApplicationEventType Type, CachedApplication Application);
