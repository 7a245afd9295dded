using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Keelson.Engine.Lua;

/// <summary>
/// Runs argocd-cm's customization scripts (Lua 5.4, through KeraLua's native build) in a sandbox like Argo CD's: a
/// script gets <c>obj</c> (the object as gopher-lua builds it, see <see cref="LuaValues"/>) and <c>actionParams</c>,
/// and returns a value, read back as JSON. Each run has a time budget (Argo CD's: 1 s) and its state a memory limit;
/// a script is compiled once per state and cached by its text, so an edited script is simply another script.
/// Thread-safe: runs on different threads use different states, taken from a pool.
/// </summary>
public sealed class LuaHost : IDisposable
{
    private readonly ConcurrentBag<LuaWorker> _idle = [];
    private readonly int _keep;
    private int _disposed;

    /// <param name="timeBudget">How long one run may take before it is stopped (default 1 s, as Argo CD).</param>
    /// <param name="memoryLimit">The most a state may allocate (default 64 MiB).</param>
    /// <param name="time">The clock os.time() and os.date() read (default the system's).</param>
    public LuaHost(TimeSpan? timeBudget = null, long memoryLimit = 64L << 20, TimeProvider? time = null)
    {
        TimeBudget = timeBudget ?? TimeSpan.FromSeconds(1);
        MemoryLimit = memoryLimit;
        Time = time ?? TimeProvider.System;
        _keep = Math.Max(2, Environment.ProcessorCount * 2);
    }

    /// <summary>The host the engine and the server share, with Argo CD's budget.</summary>
    public static LuaHost Shared { get; } = new();

    public TimeSpan TimeBudget { get; }

    public long MemoryLimit { get; }

    public TimeProvider Time { get; }

    /// <summary>The Lua states kept for reuse, and the bytes they hold (live objects and garbage not yet collected).</summary>
    public (int States, long Bytes) Pooled => (_idle.Count, _idle.Sum(w => w.Bytes));

    /// <summary>
    /// Runs a script over <paramref name="obj"/> (not changed) and returns the last value it returns as JSON: null for
    /// nil or nothing, an empty <see cref="JsonArray"/> for an empty table. Throws <see cref="LuaScriptException"/>
    /// when the script does not compile, fails, is stopped, or returns what JSON cannot hold.
    /// </summary>
    /// <param name="script">The script's text.</param>
    /// <param name="useOpenLibs">Also give the script string, math, coroutine and utf8 (argocd-cm's useOpenLibs).</param>
    /// <param name="obj">The object, the script's global <c>obj</c>.</param>
    /// <param name="parameters">An action's parameters, the script's global <c>actionParams</c> (strings, as Argo CD passes them).</param>
    public JsonNode? Run(string script, bool useOpenLibs, JsonObject obj, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(obj);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var worker = _idle.TryTake(out var idle) ? idle : new LuaWorker(MemoryLimit);
        try
        {
            return worker.Run(script, useOpenLibs, obj, parameters, Time.GetUtcNow().ToUnixTimeSeconds(), TimeBudget);
        }
        finally
        {
            if (_idle.Count < _keep && Volatile.Read(ref _disposed) == 0) _idle.Add(worker);
            else worker.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        while (_idle.TryTake(out var worker)) worker.Dispose();
    }
}
