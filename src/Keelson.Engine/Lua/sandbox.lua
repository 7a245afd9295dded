-- Keelson's sandbox for argocd-cm resource customizations (health.lua, discovery.lua, action.lua).
--
-- Run once per Lua state, with the standard libraries open; returns the function that runs one script. A script
-- sees only what is listed here, in an environment of its own for each run (libraries included, through proxies),
-- so nothing one run sets or changes is seen by the next. Without useOpenLibs a script gets what Argo CD's
-- gopher-lua host gives it: the base functions, table, a safe os and require of those; with useOpenLibs, string,
-- math, coroutine and utf8 as well. Never io, debug, package, load, loadstring, dofile, loadfile, collectgarbage,
-- os.execute, os.exit, os.getenv, os.remove, os.rename, os.tmpname or os.setlocale.

local setupvalue = debug.setupvalue
local real_time, real_date = os.time, os.date
local rawset, setmetatable, pairs, type, error, tostring = rawset, setmetatable, pairs, type, error, tostring

-- What os.time() answers during the current run: the host's clock, passed in by the runner.
local now = 0

local function copy(lib)
  local t = {}
  for k, v in pairs(lib) do t[k] = v end
  return t
end

-- table, with the Lua 5.1 functions scripts written for gopher-lua still call.
local tbl = copy(table)
tbl.getn = function(t) return #t end
tbl.maxn = function(t)
  local n = 0
  for k in pairs(t) do
    if type(k) == "number" and k > n then n = k end
  end
  return n
end

local os_safe = {
  time = function(t)
    if t == nil then return now end
    return real_time(t)
  end,
  date = function(format, t) return real_date(format or "%c", t or now) end,
  clock = os.clock,
  difftime = os.difftime,
}

local str = copy(string)
str.dump = nil
str.gfind = string.gmatch
-- Methods on strings ("x"):upper() go to this copy; the metatable itself cannot be reached from a script.
local string_meta = getmetatable("")
string_meta.__index = str
string_meta.__metatable = false

local mth = copy(math)
local exp, log = math.exp, math.log
mth.pow = function(x, y) return x ^ y end
mth.mod = math.fmod
mth.log10 = function(x) return log(x, 10) end
mth.ldexp = function(m, e) return m * 2.0 ^ e end
mth.cosh = function(x) return (exp(x) + exp(-x)) / 2 end
mth.sinh = function(x) return (exp(x) - exp(-x)) / 2 end
mth.tanh = function(x) return (exp(x) - exp(-x)) / (exp(x) + exp(-x)) end

local base = {
  assert = assert, error = error, getmetatable = getmetatable, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, rawequal = rawequal, rawget = rawget, rawlen = rawlen, rawset = rawset, select = select,
  setmetatable = setmetatable, tonumber = tonumber, tostring = tostring, type = type, xpcall = xpcall,
  unpack = table.unpack, _VERSION = _VERSION,
  -- Scripts print while their authors debug them; the controller has nowhere useful to send it.
  print = function() end,
}

-- The metatable of a run's environment for one set of libraries. A global is looked up on first use and kept in
-- the run's environment; a library is handed out as a fresh proxy, so a script that writes into it writes into
-- its own copy.
local function flavour(libs)
  local metas = {}
  for name, lib in pairs(libs) do metas[name] = { __index = lib, __metatable = false } end
  local function proxy(name)
    local meta = metas[name]
    if meta ~= nil then return setmetatable({}, meta) end
    return nil
  end
  local globals = copy(base)
  globals.require = function(name)
    local module = proxy(name)
    if module == nil then error("module '" .. tostring(name) .. "' not found", 2) end
    return module
  end
  return {
    __metatable = false,
    __index = function(env, key)
      local value = proxy(key)
      if value == nil then value = globals[key] end
      if value ~= nil then rawset(env, key, value) end
      return value
    end,
  }
end

local basic = flavour({ table = tbl, os = os_safe })
local open = flavour({
  table = tbl, os = os_safe, string = str, math = mth, coroutine = copy(coroutine), utf8 = copy(utf8),
})

-- Nothing below this line is reachable from a script; remove the dangerous globals anyway.
io, debug, package, load, loadfile, dofile, require, collectgarbage = nil, nil, nil, nil, nil, nil, nil, nil
os = nil

-- Runs one compiled script with obj and actionParams as globals; returns what the script returns.
return function(script, obj, params, use_open_libs, time)
  now = time
  local env = setmetatable({ obj = obj, actionParams = params }, use_open_libs and open or basic)
  env._G = env
  setupvalue(script, 1, env)
  return script()
end
