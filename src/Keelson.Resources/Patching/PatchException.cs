namespace Keelson.Resources.Patching;

/// <summary>A patch that cannot be applied to its target; the message names the path involved.</summary>
public sealed class PatchException(string message) : Exception(message);
