using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Engine.Lua;

/// <summary>
/// JSON ⇄ Lua values, as Argo CD's gopher-lua host converts them, so that scripts written for it read the same
/// values: objects become tables with string keys, arrays sequences (1-based, in order), strings and booleans
/// themselves, and numbers integers when they are whole (a JSON <c>3</c> or <c>3.0</c> prints as <c>3</c>, not
/// <c>3.0</c>), floats otherwise. A null member or item is absent, as gopher-lua leaves it. Back from Lua, the
/// rules of the gopher-json encoder Argo CD uses: a table whose keys are all strings is an object (keys in ordinal
/// order, as Go writes a map), one whose keys are 1..n an array, an empty table an empty array; mixed keys, holes,
/// cycles, functions and NaN cannot be written. Unlike gopher-lua, an empty JSON object is handed to the script
/// marked (a metatable of the host's), so that where the script returns it — in an object it creates as well as in
/// the one it patches — it is written back as <c>{}</c>, not as the empty list an empty table otherwise is.
/// </summary>
internal static unsafe class LuaValues
{
    private const int MaxDepth = 200;

    /// <param name="state">The Lua state.</param>
    /// <param name="node">What to push.</param>
    /// <param name="emptyObject">The registry reference of the metatable that marks an empty object.</param>
    /// <param name="depth">How deep this value is.</param>
    public static void Push(nint state, JsonNode? node, int emptyObject, int depth = 0)
    {
        if (depth > MaxDepth) throw new LuaScriptException($"the object is nested more than {MaxDepth} levels deep");
        if (LuaNative.lua_checkstack(state, 4) == 0) throw new LuaScriptException("the Lua stack cannot grow");
        switch (node)
        {
            case null:
                LuaNative.lua_pushnil(state);
                return;
            case JsonObject obj:
                LuaNative.lua_createtable(state, 0, obj.Count);
                if (obj.Count == 0)
                {
                    LuaNative.lua_rawgeti(state, LuaNative.RegistryIndex, emptyObject);
                    LuaNative.lua_setmetatable(state, -2);
                    return;
                }
                foreach (var (key, value) in obj)
                {
                    if (value is null) continue;
                    PushString(state, key);
                    Push(state, value, emptyObject, depth + 1);
                    LuaNative.lua_rawset(state, -3);
                }
                return;
            case JsonArray array:
                LuaNative.lua_createtable(state, array.Count, 0);
                var n = 0L;
                foreach (var item in array)
                {
                    if (item is null) continue;
                    Push(state, item, emptyObject, depth + 1);
                    LuaNative.lua_rawseti(state, -2, ++n);
                }
                return;
            case JsonValue value:
                PushScalar(state, value);
                return;
        }
    }

    private static void PushScalar(nint state, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                PushString(state, value.GetValue<string>());
                return;
            case System.Text.Json.JsonValueKind.True:
                LuaNative.lua_pushboolean(state, 1);
                return;
            case System.Text.Json.JsonValueKind.False:
                LuaNative.lua_pushboolean(state, 0);
                return;
            case System.Text.Json.JsonValueKind.Number:
                if (value.TryGetValue<long>(out var l)) LuaNative.lua_pushinteger(state, l);
                else if (value.TryGetValue<int>(out var i)) LuaNative.lua_pushinteger(state, i);
                else
                {
                    var d = value.TryGetValue<double>(out var parsed) ? parsed : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
                    if (IsWhole(d)) LuaNative.lua_pushinteger(state, (long)d);
                    else LuaNative.lua_pushnumber(state, d);
                }
                return;
            default:
                LuaNative.lua_pushnil(state);
                return;
        }
    }

    public static void PushString(nint state, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            fixed (byte* p = buffer) LuaNative.lua_pushlstring(state, p, (nuint)length);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            fixed (byte* p = rented) LuaNative.lua_pushlstring(state, p, (nuint)length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The value at <paramref name="index"/> as JSON (null for nil). Throws <see cref="LuaScriptException"/> for what JSON cannot hold.</summary>
    public static JsonNode? Read(nint state, int index, int emptyObject) => Read(state, Absolute(state, index), emptyObject, 0, []);

    private static JsonNode? Read(nint state, int index, int emptyObject, int depth, HashSet<nint> open)
    {
        switch (LuaNative.lua_type(state, index))
        {
            case LuaNative.TypeNil:
                return null;
            case LuaNative.TypeBoolean:
                return JsonValue.Create(LuaNative.lua_toboolean(state, index) != 0);
            case LuaNative.TypeNumber:
                if (LuaNative.lua_isinteger(state, index) != 0) return JsonValue.Create(LuaNative.lua_tointegerx(state, index, 0));
                var d = LuaNative.lua_tonumberx(state, index, 0);
                if (double.IsNaN(d) || double.IsInfinity(d)) throw new LuaScriptException($"cannot encode {d.ToString(CultureInfo.InvariantCulture)} to JSON");
                return IsWhole(d) ? JsonValue.Create((long)d) : JsonValue.Create(d);
            case LuaNative.TypeString:
                return JsonValue.Create(ReadString(state, index));
            case LuaNative.TypeTable:
                return ReadTable(state, index, emptyObject, depth, open);
            default:
                throw new LuaScriptException($"cannot encode {TypeName(state, index)} to JSON");
        }
    }

    private static JsonNode ReadTable(nint state, int index, int emptyObject, int depth, HashSet<nint> open)
    {
        if (depth > MaxDepth) throw new LuaScriptException($"cannot encode tables nested more than {MaxDepth} levels deep to JSON");
        var identity = LuaNative.lua_topointer(state, index);
        if (!open.Add(identity)) throw new LuaScriptException("cannot encode recursively nested tables to JSON");
        if (LuaNative.lua_checkstack(state, 4) == 0) throw new LuaScriptException("the Lua stack cannot grow");
        List<KeyValuePair<string, JsonNode?>>? members = null;
        List<KeyValuePair<long, JsonNode?>>? items = null;
        LuaNative.lua_pushnil(state);
        while (LuaNative.lua_next(state, index) != 0)
        {
            var value = Read(state, LuaNative.lua_gettop(state), emptyObject, depth + 1, open);
            switch (LuaNative.lua_type(state, -2))
            {
                case LuaNative.TypeString:
                    (members ??= []).Add(new(ReadString(state, -2), value));
                    break;
                case LuaNative.TypeNumber when LuaNative.lua_isinteger(state, -2) != 0:
                    (items ??= []).Add(new(LuaNative.lua_tointegerx(state, -2, 0), value));
                    break;
                default:
                    throw new LuaScriptException("cannot encode mixed or invalid key types");
            }
            LuaNative.Pop(state, 1);
        }
        open.Remove(identity);
        if (members is not null && items is not null) throw new LuaScriptException("cannot encode mixed or invalid key types");
        if (members is not null)
        {
            members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            var obj = new JsonObject();
            foreach (var (key, value) in members) obj[key] = value;
            return obj;
        }
        if (items is null && IsMarkedEmptyObject(state, index, emptyObject)) return new JsonObject();
        var array = new JsonArray();
        if (items is null) return array;
        items.Sort((a, b) => a.Key.CompareTo(b.Key));
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Key != i + 1) throw new LuaScriptException("cannot encode sparse array");
            array.Add(items[i].Value);
        }
        return array;
    }

    private static bool IsMarkedEmptyObject(nint state, int index, int emptyObject)
    {
        if (LuaNative.lua_getmetatable(state, index) == 0) return false;
        LuaNative.lua_rawgeti(state, LuaNative.RegistryIndex, emptyObject);
        var marked = LuaNative.lua_rawequal(state, -1, -2) != 0;
        LuaNative.Pop(state, 2);
        return marked;
    }

    /// <summary>The string at an index that holds a string (never a number: converting one in place would upset lua_next).</summary>
    public static string ReadString(nint state, int index)
    {
        var p = LuaNative.lua_tolstring(state, index, out var length);
        return p is null ? "" : Encoding.UTF8.GetString(p, checked((int)length));
    }

    public static string TypeName(nint state, int index) =>
        Marshal(LuaNative.lua_typename(state, LuaNative.lua_type(state, index)));

    private static string Marshal(byte* text) => System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)text) ?? "";

    private static int Absolute(nint state, int index) => index > 0 || index <= LuaNative.RegistryIndex ? index : LuaNative.lua_gettop(state) + index + 1;

    // Whole numbers within the range a 64-bit integer holds exactly, as gopher-lua prints them without a fraction.
    private static bool IsWhole(double d) => Math.Floor(d) == d && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18;
}
