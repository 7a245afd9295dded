using System.Runtime.InteropServices;

namespace Keelson.Engine.Lua;

/// <summary>
/// The C functions of Lua 5.4 the host calls, bound directly to the native library KeraLua ships (<c>lua54</c>).
/// Only functions that cannot raise a Lua error on valid input are called outside a running script (a Lua error
/// there would unwind with longjmp through managed frames), and no managed code is ever called from Lua except the
/// allocator and the instruction-count hook, neither of which raises.
/// </summary>
internal static unsafe partial class LuaNative
{
    private const string Library = "lua54";

    public const int RegistryIndex = -1000000 - 1000;
    public const int MultipleResults = -1;

    public const int Ok = 0;
    public const int Yield = 1;

    public const int TypeNil = 0;
    public const int TypeBoolean = 1;
    public const int TypeNumber = 3;
    public const int TypeString = 4;
    public const int TypeTable = 5;

    public const int MaskCount = 1 << 3;

    [LibraryImport(Library)]
    public static partial nint lua_newstate(delegate* unmanaged<nint, nint, nuint, nuint, nint> allocator, nint userData);

    [LibraryImport(Library)]
    public static partial void lua_close(nint state);

    [LibraryImport(Library)]
    public static partial nint lua_newthread(nint state);

    [LibraryImport(Library)]
    public static partial int lua_closethread(nint thread, nint from);

    [LibraryImport(Library)]
    public static partial int lua_resume(nint thread, nint from, int arguments, out int results);

    [LibraryImport(Library)]
    public static partial int lua_yieldk(nint state, int results, nint context, nint continuation);

    [LibraryImport(Library)]
    public static partial int lua_isyieldable(nint state);

    [LibraryImport(Library)]
    public static partial void lua_sethook(nint state, delegate* unmanaged<nint, nint, void> hook, int mask, int count);

    [LibraryImport(Library)]
    public static partial void luaL_openlibs(nint state);

    [LibraryImport(Library)]
    public static partial int luaL_loadbufferx(nint state, byte* buffer, nuint size, byte* name, byte* mode);

    [LibraryImport(Library)]
    public static partial int lua_pcallk(nint state, int arguments, int results, int errorHandler, nint context, nint continuation);

    [LibraryImport(Library)]
    public static partial int luaL_ref(nint state, int table);

    [LibraryImport(Library)]
    public static partial void luaL_unref(nint state, int table, int reference);

    [LibraryImport(Library)]
    public static partial int lua_rawgeti(nint state, int index, long n);

    [LibraryImport(Library)]
    public static partial void lua_rawseti(nint state, int index, long n);

    [LibraryImport(Library)]
    public static partial void lua_rawset(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_next(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_gettop(nint state);

    [LibraryImport(Library)]
    public static partial void lua_settop(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_checkstack(nint state, int n);

    [LibraryImport(Library)]
    public static partial void lua_xmove(nint from, nint to, int n);

    [LibraryImport(Library)]
    public static partial int lua_type(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_isinteger(nint state, int index);

    [LibraryImport(Library)]
    public static partial long lua_tointegerx(nint state, int index, nint isNumber);

    [LibraryImport(Library)]
    public static partial double lua_tonumberx(nint state, int index, nint isNumber);

    [LibraryImport(Library)]
    public static partial int lua_toboolean(nint state, int index);

    [LibraryImport(Library)]
    public static partial byte* lua_tolstring(nint state, int index, out nuint length);

    [LibraryImport(Library)]
    public static partial nint lua_topointer(nint state, int index);

    [LibraryImport(Library)]
    public static partial byte* lua_typename(nint state, int type);

    [LibraryImport(Library)]
    public static partial void lua_createtable(nint state, int arrayItems, int hashItems);

    [LibraryImport(Library)]
    public static partial int lua_setmetatable(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_getmetatable(nint state, int index);

    [LibraryImport(Library)]
    public static partial int lua_rawequal(nint state, int index1, int index2);

    [LibraryImport(Library)]
    public static partial void lua_setfield(nint state, int index, byte* key);

    [LibraryImport(Library)]
    public static partial void lua_pushnil(nint state);

    [LibraryImport(Library)]
    public static partial void lua_pushboolean(nint state, int value);

    [LibraryImport(Library)]
    public static partial void lua_pushinteger(nint state, long value);

    [LibraryImport(Library)]
    public static partial void lua_pushnumber(nint state, double value);

    [LibraryImport(Library)]
    public static partial byte* lua_pushlstring(nint state, byte* text, nuint length);

    public static void Pop(nint state, int n) => lua_settop(state, -n - 1);
}
