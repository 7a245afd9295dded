namespace Keelson.Engine.Source;

/// <summary>A source cannot be rendered; the message names the file and field at fault.</summary>
public sealed class RenderException(string message, Exception? inner = null) : Exception(message, inner);
