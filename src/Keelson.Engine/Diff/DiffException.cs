namespace Keelson.Engine.Diff;

/// <summary>
/// A comparison that cannot be made as configured, e.g. an ignoreDifferences rule with an expression this engine
/// does not understand. The message names the rule and is meant for an Application condition.
/// </summary>
public sealed class DiffException(string message, Exception? inner = null) : Exception(message, inner);
