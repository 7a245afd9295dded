namespace Keelson.Engine.Lua;

/// <summary>
/// A customization script that could not be run to the end, or whose result cannot be read: a syntax error, an error
/// raised while it ran, a run stopped at the time or memory budget, or a returned value JSON cannot hold. The message
/// is what a person fixing the script needs ("&lt;string&gt;:3: attempt to index a nil value (field 'status')"); it
/// names the script's lines as <c>&lt;string&gt;:N</c>, as Argo CD's host does.
/// </summary>
public sealed class LuaScriptException(string message) : Exception(message);
