using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Engine.Lua;

namespace Keelson.Engine.Tests.Lua;

/// <summary>What the fixtures cannot show: isolation between runs, the budgets, recovery, threads, and the JSON the host refuses.</summary>
public sealed class LuaHostTests : IDisposable
{
    private static readonly JsonObject Widget = new() { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };

    private readonly LuaHost _host = new(TimeSpan.FromMilliseconds(200), time: FixedTime.Fixtures);

    [Fact]
    public void Globals_and_library_changes_of_one_run_are_not_seen_by_the_next()
    {
        _host.Run("leaked = 1; table.extra = 2; os.time = nil; obj.metadata.name = 'changed'; return {}", true, Widget);
        var next = _host.Run("return {leaked = tostring(leaked), extra = tostring(table.extra), time = os.time(), name = obj.metadata.name}", true, Widget);
        Assert.Equal("""{"extra":"nil","leaked":"nil","name":"w","time":1741064767}""", next!.ToJsonString());
        Assert.Equal("w", Widget["metadata"]!["name"]!.ToString());
    }

    [Fact]
    public void The_sandbox_s_own_tables_cannot_be_reached()
    {
        var result = _host.Run("return {env = tostring(getmetatable(_G)), lib = tostring(getmetatable(table)), str = tostring(getmetatable(''))}", true, Widget);
        Assert.Equal("""{"env":"false","lib":"false","str":"false"}""", result!.ToJsonString());
    }

    [Fact]
    public void A_script_is_compiled_once_and_an_edited_script_again()
    {
        var worker = new LuaWorker(64L << 20);
        try
        {
            for (var i = 0; i < 3; i++) worker.Run("return {n = 1}", false, Widget, null, 0, TimeSpan.FromSeconds(1));
            Assert.Equal(1, worker.Compilations);
            worker.Run("return {n = 2}", false, Widget, null, 0, TimeSpan.FromSeconds(1));
            Assert.Equal(2, worker.Compilations);
        }
        finally
        {
            worker.Dispose();
        }
    }

    [Fact]
    public void An_endless_loop_is_stopped_at_the_budget_and_the_host_runs_the_next_script()
    {
        var started = Stopwatch.StartNew();
        var stopped = Assert.Throws<LuaScriptException>(() => _host.Run("local t = {} while true do t[1] = (t[1] or 0) + 1 end", false, Widget));
        Assert.Equal("the script did not finish within 200ms and was stopped (an endless loop?)", stopped.Message);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
        // Inside pcall too: the stop is not an error a script can catch.
        Assert.Throws<LuaScriptException>(() => _host.Run("pcall(function() while true do end end) return {status = 'Healthy'}", false, Widget));
        Assert.Equal("""{"status":"Healthy"}""", _host.Run("return {status = 'Healthy'}", false, Widget)!.ToJsonString());
    }

    [Fact]
    public void A_script_that_allocates_without_end_fails_at_the_memory_limit()
    {
        using var host = new LuaHost(TimeSpan.FromSeconds(30), memoryLimit: 4L << 20);
        var failure = Assert.Throws<LuaScriptException>(() => host.Run("local t = {} for i = 1, 1e9 do t[i] = 'item ' .. i end", false, Widget));
        Assert.Equal("not enough memory", failure.Message);
        Assert.Throws<LuaScriptException>(() => host.Run("return string.rep('x', 1e9)", true, Widget));
        Assert.Equal("[1,2,3]", host.Run("return {1, 2, 3}", false, Widget)!.ToJsonString());
    }

    [Fact]
    public void Errors_leave_the_state_usable()
    {
        Assert.Equal("<string>:1: boom", Assert.Throws<LuaScriptException>(() => _host.Run("error('boom')", false, Widget)).Message);
        Assert.Equal("(error object is a table value)", Assert.Throws<LuaScriptException>(() => _host.Run("error({})", false, Widget)).Message);
        Assert.Equal("attempt to yield from outside a coroutine",
            Assert.Throws<LuaScriptException>(() => _host.Run("coroutine.yield()", true, Widget)).Message);
        Assert.Equal("\"w\"", _host.Run("return obj.metadata.name", false, Widget)!.ToJsonString());
    }

    [Theory]
    [InlineData("local t = {} t.self = t return t", "cannot encode recursively nested tables to JSON")]
    [InlineData("return {1, 2, nil, 4}", "cannot encode sparse array")]
    [InlineData("return {1, x = 2}", "cannot encode mixed or invalid key types")]
    [InlineData("return {[true] = 1}", "cannot encode mixed or invalid key types")]
    [InlineData("return {f = print}", "cannot encode function to JSON")]
    [InlineData("return {n = 0/0}", "cannot encode NaN to JSON")]
    public void What_JSON_cannot_hold_is_refused(string script, string message) =>
        Assert.Equal(message, Assert.Throws<LuaScriptException>(() => _host.Run(script, false, Widget)).Message);

    [Fact]
    public void Values_come_back_as_JSON_with_whole_numbers_as_integers()
    {
        var result = _host.Run("return {i = 3, f = 2.5, w = 6 / 2, s = 'x', b = false, list = {'a', 'b'}, empty = {}, nested = {a = {b = 1}}}", false, Widget);
        Assert.Equal("""{"b":false,"empty":[],"f":2.5,"i":3,"list":["a","b"],"nested":{"a":{"b":1}},"s":"x","w":3}""", result!.ToJsonString());
        Assert.Null(_host.Run("return nil", false, Widget));
        Assert.Null(_host.Run("local x = 1", false, Widget));
    }

    [Fact]
    public void An_empty_object_of_obj_comes_back_as_an_object_wherever_it_is_returned()
    {
        var obj = JsonNode.Parse("""{"kind":"Widget","spec":{"template":{},"list":[]}}""")!.AsObject();
        var result = _host.Run("return {copied = obj.spec.template, list = obj.spec.list, made = {}, meta = tostring(getmetatable(obj.spec.template))}", false, obj);
        Assert.Equal("""{"copied":{},"list":[],"made":[],"meta":"false"}""", result!.ToJsonString());
    }

    [Fact]
    public void Nulls_are_absent_and_large_integers_are_exact()
    {
        var obj = JsonNode.Parse("""{"kind":"Widget","spec":{"gone":null,"list":["a",null,"b"],"big":9007199254740993}}""")!.AsObject();
        var result = _host.Run("return {gone = tostring(obj.spec.gone), n = #obj.spec.list, second = obj.spec.list[2], big = obj.spec.big}", false, obj);
        Assert.Equal("""{"big":9007199254740993,"gone":"nil","n":2,"second":"b"}""", result!.ToJsonString());
    }

    [Fact]
    public void Runs_on_many_threads_at_once_each_get_their_own_object()
    {
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            var obj = new JsonObject { ["kind"] = "Widget", ["spec"] = new JsonObject { ["n"] = i } };
            results[i] = _host.Run("local s = 0 for k = 1, 1000 do s = s + obj.spec.n end return {sum = s}", false, obj)!.ToJsonString();
        });
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"{{\"sum\":{i * 1000}}}"), results);
    }

    public void Dispose() => _host.Dispose();
}
