namespace Keelson.Resources.Selection;

/// <summary>An invalid label or field selector; the message says what is wrong.</summary>
public sealed class SelectorException(string message) : FormatException(message);
