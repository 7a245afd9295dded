using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Engine.Lua;

/// <summary>
/// One Lua state and the coroutine scripts run in, used by one thread at a time (the host pools them). The state is
/// made once: standard libraries, then <c>sandbox.lua</c>, which returns the runner every script goes through.
/// Scripts are compiled once per state and kept by their text. A run is stopped by the instruction-count hook when
/// it passes its deadline (the hook yields the coroutine, which returns to the host), and an allocation that would
/// take the state past its memory limit fails as Lua's own "not enough memory" error.
/// </summary>
internal sealed unsafe class LuaWorker : IDisposable
{
    private const int CompiledLimit = 512;
    private const int HookInstructions = 1000;

    [ThreadStatic]
    private static LuaWorker? t_running;

    private static readonly byte[] Sandbox = ReadSandbox();

    private readonly Dictionary<string, int> _compiled = new(StringComparer.Ordinal);
    private readonly long _memoryLimit;
    private GCHandle _self;
    private nint _state;
    private nint _thread;
    private int _runnerRef;
    private int _emptyObjectRef;
    private long _bytes;
    private long _deadline;
    private bool _stopped;

    public LuaWorker(long memoryLimit)
    {
        _memoryLimit = memoryLimit;
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        _state = LuaNative.lua_newstate(&Allocate, GCHandle.ToIntPtr(_self));
        if (_state == 0) throw new InvalidOperationException("Lua: cannot create a state (out of memory)");
        LuaNative.luaL_openlibs(_state);
        _runnerRef = LoadSandbox();
        // The metatable that marks a table made from an empty JSON object; getmetatable() on such a table answers false.
        LuaNative.lua_createtable(_state, 0, 1);
        LuaNative.lua_pushboolean(_state, 0);
        fixed (byte* key = "__metatable\0"u8) LuaNative.lua_setfield(_state, -2, key);
        _emptyObjectRef = LuaNative.luaL_ref(_state, LuaNative.RegistryIndex);
        _thread = LuaNative.lua_newthread(_state);
        // The registry holds the coroutine so that the collector never frees it.
        LuaNative.luaL_ref(_state, LuaNative.RegistryIndex);
        LuaNative.lua_sethook(_thread, &Hook, LuaNative.MaskCount, HookInstructions);
    }

    /// <summary>The bytes the state holds now (live objects and garbage not yet collected).</summary>
    public long Bytes => _bytes;

    /// <summary>
    /// Runs <paramref name="script"/> with <c>obj</c> and <c>actionParams</c> set and returns the last value it
    /// returned, as JSON (null for nil or no value). Throws <see cref="LuaScriptException"/> when the script does not
    /// compile, raises an error, is stopped, or returns what JSON cannot hold.
    /// </summary>
    public JsonNode? Run(string script, bool useOpenLibs, JsonObject obj, IReadOnlyDictionary<string, string>? parameters, long now, TimeSpan budget)
    {
        var function = Compile(script);
        var thread = _thread;
        var status = LuaNative.Ok;
        try
        {
            LuaNative.lua_settop(thread, 0);
            LuaNative.lua_checkstack(thread, 8);
            LuaNative.lua_rawgeti(thread, LuaNative.RegistryIndex, _runnerRef);
            LuaNative.lua_rawgeti(thread, LuaNative.RegistryIndex, function);
            LuaValues.Push(thread, obj, _emptyObjectRef);
            LuaNative.lua_createtable(thread, 0, parameters?.Count ?? 0);
            foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
            {
                LuaValues.PushString(thread, name);
                LuaValues.PushString(thread, value);
                LuaNative.lua_rawset(thread, -3);
            }
            LuaNative.lua_pushboolean(thread, useOpenLibs ? 1 : 0);
            LuaNative.lua_pushinteger(thread, now);

            _stopped = false;
            _deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            t_running = this;
            try
            {
                status = LuaNative.lua_resume(thread, _state, 5, out var results);
                if (status == LuaNative.Ok) return results == 0 ? null : LuaValues.Read(thread, -1, _emptyObjectRef);
            }
            finally
            {
                t_running = null;
            }
            if (status == LuaNative.Yield)
            {
                throw new LuaScriptException(_stopped
                    ? $"the script did not finish within {Seconds(budget)} and was stopped (an endless loop?)"
                    : "attempt to yield from outside a coroutine");
            }
            throw new LuaScriptException(ErrorMessage(thread));
        }
        finally
        {
            if (status == LuaNative.Ok) LuaNative.lua_settop(thread, 0);
            else Reset();
        }
    }

    // A coroutine that failed or was stopped cannot run again until it is reset; its hook is set anew to be sure.
    private void Reset()
    {
        LuaNative.lua_closethread(_thread, _state);
        LuaNative.lua_sethook(_thread, &Hook, LuaNative.MaskCount, HookInstructions);
    }

    /// <summary>Scripts compiled by this state since it was made (each text once, until the cache is cleared).</summary>
    public int Compilations { get; private set; }

    private int Compile(string script)
    {
        if (_compiled.TryGetValue(script, out var cached)) return cached;
        Compilations++;
        if (_compiled.Count >= CompiledLimit)
        {
            foreach (var reference in _compiled.Values) LuaNative.luaL_unref(_state, LuaNative.RegistryIndex, reference);
            _compiled.Clear();
        }
        Load(Encoding.UTF8.GetBytes(script), "=<string>");
        var function = LuaNative.luaL_ref(_state, LuaNative.RegistryIndex);
        _compiled[script] = function;
        return function;
    }

    // Loads text (never binary chunks) on the main state, leaving the function on its stack.
    private void Load(byte[] text, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var mode = "t\0"u8;
        int status;
        fixed (byte* p = text)
        fixed (byte* n = nameBytes)
        fixed (byte* m = mode)
        {
            status = LuaNative.luaL_loadbufferx(_state, p, (nuint)text.Length, n, m);
        }
        if (status != LuaNative.Ok)
        {
            var message = ErrorMessage(_state);
            LuaNative.lua_settop(_state, 0);
            throw new LuaScriptException(message);
        }
    }

    // Runs sandbox.lua once (protected: it is Keelson's own code, but a failure must not abort the process) and keeps the runner it returns.
    private int LoadSandbox()
    {
        Load(Sandbox, "=sandbox.lua");
        if (LuaNative.lua_pcallk(_state, 0, 1, 0, 0, 0) != LuaNative.Ok)
            throw new InvalidOperationException("Lua: sandbox.lua failed: " + ErrorMessage(_state));
        return LuaNative.luaL_ref(_state, LuaNative.RegistryIndex);
    }

    private static string ErrorMessage(nint state)
    {
        var type = LuaNative.lua_type(state, -1);
        return type is LuaNative.TypeString or LuaNative.TypeNumber
            ? LuaValues.ReadString(state, -1)
            : $"(error object is a {LuaValues.TypeName(state, -1)} value)";
    }

    private static string Seconds(TimeSpan budget) =>
        budget.TotalSeconds >= 1 && budget.TotalSeconds == Math.Floor(budget.TotalSeconds) ? $"{budget.TotalSeconds:0}s" : $"{budget.TotalMilliseconds:0}ms";

    private static byte[] ReadSandbox()
    {
        using var stream = typeof(LuaWorker).Assembly.GetManifestResourceStream("Keelson.Engine.Lua.sandbox.lua")
            ?? throw new InvalidOperationException("sandbox.lua is not embedded in Keelson.Engine");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [UnmanagedCallersOnly]
    private static void Hook(nint state, nint debug)
    {
        var worker = t_running;
        if (worker is null || Stopwatch.GetTimestamp() < worker._deadline) return;
        // Inside a C function that called back into Lua (a sort comparator) a coroutine cannot yield: the next count tries again.
        if (LuaNative.lua_isyieldable(state) == 0) return;
        worker._stopped = true;
        LuaNative.lua_yieldk(state, 0, 0, 0);
    }

    [UnmanagedCallersOnly]
    private static nint Allocate(nint self, nint block, nuint oldSize, nuint newSize)
    {
        var worker = Unsafe.As<LuaWorker>(GCHandle.FromIntPtr(self).Target);
        // For a new block Lua passes the kind of object in oldSize, not a size.
        var old = block == 0 ? 0 : (long)oldSize;
        if (newSize == 0)
        {
            NativeMemory.Free((void*)block);
            if (worker is not null) worker._bytes -= old;
            return 0;
        }
        var growth = (long)newSize - old;
        // Lua requires shrinking to succeed; only growth past the limit fails (Lua then collects and retries once).
        if (worker is not null && growth > 0 && worker._bytes + growth > worker._memoryLimit) return 0;
        var result = NativeMemory.Realloc((void*)block, newSize);
        if (result is not null && worker is not null) worker._bytes += growth;
        return (nint)result;
    }

    public void Dispose()
    {
        if (_state == 0) return;
        foreach (var reference in _compiled.Values) LuaNative.luaL_unref(_state, LuaNative.RegistryIndex, reference);
        LuaNative.lua_close(_state);
        _state = 0;
        _thread = 0;
        _self.Free();
    }
}
