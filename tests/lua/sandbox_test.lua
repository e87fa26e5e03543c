-- sandbox_test.lua: the script environment: allowed and absent globals,
-- require, the gloss table, deterministic math.random.
local doc = ...
local nargs = select("#", ...)
local T = require("testlib")

-- First values after the engine's math.randomseed(0), measured once; the
-- same on every run because the seed is fixed.
local R1, R2 = math.random(1, 1000000), math.random(1, 100)

T.test("sandbox: math.random is deterministic (seed 0)", function()
  T.eq(R1, 275394)
  T.eq(R2, 9, "second value")
end)

T.test("sandbox: reading an unknown global raises", function()
  T.raises("unknown global 'undefined_name'", function() return undefined_name end)
  T.raises("unknown global 'Print'", function() Print("x") end)
end)

T.test("sandbox: dangerous libraries and loaders are absent", function()
  for _, name in ipairs{"io", "os", "debug", "package", "load", "loadfile",
                        "dofile", "loadstring", "collectgarbage", "_G", "_ENV_",
                        "module", "unpack"} do
    local ok, err = pcall(function() return _ENV[name] end)
    assert(not ok, name .. " is reachable")
    assert(tostring(err):find("unknown global '" .. name .. "'", 1, true), err)
  end
end)

T.test("sandbox: string.dump is absent, also through the string metatable", function()
  T.eq(string.dump, nil)
  T.eq(("").dump, nil)
  T.eq(getmetatable("").__index.dump, nil)
  T.eq(("abc"):upper(), "ABC", "string methods still work")
  T.eq(("%d-%s"):format(3, "x"), "3-x")
end)

T.test("sandbox: allowed globals", function()
  for _, name in ipairs{"assert", "error", "ipairs", "next", "pairs", "pcall",
                        "xpcall", "select", "tonumber", "tostring", "type",
                        "rawequal", "rawget", "rawlen", "rawset", "setmetatable",
                        "getmetatable", "print", "require"} do
    T.eq(type(_ENV[name]), "function", name)
  end
  for _, name in ipairs{"string", "table", "math", "utf8", "coroutine", "gloss"} do
    T.eq(type(_ENV[name]), "table", name)
  end
  T.eq(_VERSION, "Lua 5.4")
end)

T.test("sandbox: globals can be set and read back", function()
  my_global = 41
  my_global = my_global + 1
  T.eq(my_global, 42)
  T.eq(rawget(_ENV, "my_global"), 42)
end)

T.test("sandbox: coroutines and utf8 work", function()
  local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
  T.eq(co(1), 2)
  T.eq(co(5), 10)
  T.eq(utf8.char(0x1F600), "😀")
  T.eq(utf8.len("naïve"), 5)
end)

T.test("sandbox: require finds testlib beside the script", function()
  local t = require("testlib")
  T.eq(type(t.test), "function")
  assert(rawequal(t, T), "the same table as the first require")
  assert(rawequal(require("testlib"), require("testlib")), "cached")
end)

T.test("sandbox: require of a missing module", function()
  T.raises("module 'no_such_module' not found", require, "no_such_module")
  T.raises("module 'a.b.c' not found", require, "a.b.c")
  T.raises("looked in the script's folder", require, "missing_too")
end)

T.test("sandbox: require refuses paths", function()
  for _, name in ipairs{"../x", "/etc/passwd", "a/b", "a..b", ".a", "a.", "",
                        "x.lua/y", "tests\\lua"} do
    T.raises("invalid module name '" .. name .. "'", require, name)
  end
  T.raises("string expected", require)
  T.raises("string expected", require, {})
end)

T.test("sandbox: the gloss table", function()
  T.eq(type(gloss.version), "string")
  assert(gloss.version:match("^%d+%.%d+%.%d+"), "version " .. gloss.version)
  for _, f in ipairs{"regex", "lexicon", "log", "is_span", "is_document"} do
    T.eq(type(gloss[f]), "function", f)
  end
  T.eq(gloss.is_span(doc:all()), true)
  T.eq(gloss.is_span(doc), false)
  T.eq(gloss.is_span(nil), false)
  T.eq(gloss.is_document(doc), true)
  T.eq(gloss.is_document(doc:all()), false)
  T.eq(gloss.is_document(gloss.regex("x")), false)
end)

T.test("sandbox: print and gloss.log accept any values", function()
  gloss.log("sandbox_test: a log line", 1, true, nil, doc:span(0, 7))
  print("sandbox_test: a print line", {} ~= nil)
end)

T.test("sandbox: the document argument", function()
  T.eq(nargs, 1, "one argument")
  T.eq(gloss.is_document(doc), true)
end)

T.test("sandbox: table.sort is stable and the same on every run", function()
  -- 2000 records with many ties: Lua's own sort picks a random pivot past
  -- 100 elements, so equal keys could change order between runs
  local seed, recs = 7, {}
  for i = 1, 2000 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    recs[i] = { key = seed % 10, pos = i }
  end
  table.sort(recs, function(a, b) return a.key < b.key end)
  for i = 2, #recs do
    local a, b = recs[i - 1], recs[i]
    assert(a.key < b.key or (a.key == b.key and a.pos < b.pos),
           "not sorted, or ties out of their original order at " .. i)
  end
  local nums = {}
  for i = 1, 500 do nums[i] = (i * 7919) % 1009 end
  table.sort(nums)
  for i = 2, #nums do assert(nums[i - 1] <= nums[i]) end
  local words = { "pear", "apple", "fig", "apple" }
  table.sort(words)
  T.same_list(words, { "apple", "apple", "fig", "pear" }, "strings")
  local desc = { 3, 1, 2 }
  table.sort(desc, function(a, b) return a > b end)
  T.same_list(desc, { 3, 2, 1 }, "comparator")
  local empty, one = {}, { 5 }
  table.sort(empty)
  table.sort(one)
  T.eq(#empty + one[1], 5, "empty and one-element arrays")
  T.raises("attempt to compare", table.sort, { 1, "x", 2 })
  T.raises("function expected, got number", table.sort, { 2, 1 }, 5)
  T.raises("boom", table.sort, { 2, 1 }, function() error("boom") end)
end)

T.done()
