-- tagcache_test.lua: doc:tag's shortcuts (strings already checked, the
-- rule's script name per calling function, attributes walked once) must
-- not change what is stored or what is refused. Over tests/lua/article.txt.
local doc = ...
local T = require("testlib")

local function here()
  local _, where = pcall(error, "", 3)
  return (where:gsub(": $", ""))
end

local sp = doc:span(0, 4)

T.test("tagcache: a checked key does not vouch for a bad value", function()
  doc:tag("c1", sp, { k = "fine" })
  doc:tag("c1", sp, { k = "fine" })
  T.raises("attribute 'k': not valid UTF-8 (byte offset 1)",
           doc.tag, doc, "c1", sp, { k = "a\xff" })
  T.raises("attribute 'k': not valid UTF-8 (byte offset 0)",
           doc.tag, doc, "c1", sp, { k = { "ok", "\xc3" } })
end)

T.test("tagcache: a value with a NUL byte is no good name", function()
  local v = "a\0b"
  local id = doc:tag("c2", sp, { v = v })
  T.eq(doc:annotation(id):get("v"), v)
  doc:tag("c2", sp, { v = v })
  T.raises("annotation type contains a NUL byte", doc.tag, doc, v, sp)
  T.raises("without NUL bytes", doc.tag, doc, "c2", sp, { [v] = 1 })
  T.raises("link role contains a NUL byte", doc.link, doc, id, v, id)
end)

T.test("tagcache: a value seen before serves as a name", function()
  local id = doc:tag("c3", sp, { kind = "person" })
  local id2 = doc:tag("person", sp, { person = "kind" })
  T.eq(doc:annotation(id):get("kind"), "person")
  T.eq(doc:annotation(id2):type(), "person")
  T.eq(doc:annotation(id2):get("person"), "kind")
  T.raises("empty annotation type", doc.tag, doc, "", sp)
end)

-- n attributes k1..kn = i, plus a list and a boolean
local function attrs(n)
  local t = { list = { "x", 2 }, flag = false }
  for i = 1, n do t["k" .. i] = i end
  return t
end

local function check_attrs(id, n)
  local got = doc:annotation(id):attrs()
  local count = 0
  for _ in pairs(got) do count = count + 1 end
  T.eq(count, n + 2, "number of attributes")
  for i = 1, n do T.eq(got["k" .. i], i, "k" .. i) end
  T.eq(got.list[1], "x")
  T.eq(got.list[2], 2)
  T.eq(got.flag, false)
end

T.test("tagcache: every attribute stored, few or many", function()
  for _, n in ipairs({ 0, 1, 13, 14, 15, 16, 40, 300 }) do
    check_attrs(doc:tag("c4", sp, attrs(n)), n)
  end
end)

T.test("tagcache: attributes and why checked in the same order", function()
  local why = { note = "n", ev = sp }
  local id = doc:tag("c5", sp, { a = 1, b = "c" }, why)
  T.eq(doc:annotation(id):get("b"), "c")
  T.raises("why.note must be a string", doc.tag, doc, "c5", sp, { a = 1 },
           { note = 5 })
  T.raises("why.ev must be a gloss.Span", doc.tag, doc, "c5", sp, attrs(30),
           { ev = 5 })
  -- a bad attribute is reported before a bad why
  T.raises("function values cannot be stored", doc.tag, doc, "c5", sp,
           { f = print }, { note = 5 })
  -- nothing half-made: the count of c5 annotations did not move
  T.eq(#doc:annotations("c5"), 1)
end)

T.test("tagcache: rule lines from several functions and lines", function()
  local function a() return doc:tag("c6", sp), here() end
  local function b()
    local id = doc:tag("c6", sp); local w = here()
    return id, w
  end
  for _ = 1, 3 do
    local id, w = a()
    T.eq(doc:annotation(id):rule(), w)
    id, w = b()
    T.eq(doc:annotation(id):rule(), w)
  end
  -- fresh closures of one function, and frames of C functions skipped
  for i = 1, 40 do
    local f = function() return doc:tag("c6", sp, { i = i }), here() end
    local id, w = f()
    T.eq(doc:annotation(id):rule(), w)
    local ok, id2 = pcall(doc.tag, doc, "c6", sp); local w2 = here()
    assert(ok, id2)
    T.eq(doc:annotation(id2):rule(), w2)
  end
end)

T.test("tagcache: many names, collected and made again", function()
  local ids = {}
  for round = 1, 2 do
    for i = 1, 200 do
      local ty, key, val = "t" .. i, "key" .. i, "v" .. i .. "-" .. round
      ids[i] = doc:tag(ty, sp, { [key] = val, same = "same" })
    end
    -- garbage enough for the collector to run and reuse memory
    for j = 1, 200000 do local _ = { j, "g" .. j } end
    for i = 1, 200 do
      local a = doc:annotation(ids[i])
      T.eq(a:type(), "t" .. i)
      T.eq(a:get("key" .. i), "v" .. i .. "-" .. round)
      T.eq(a:get("same"), "same")
    end
  end
  T.raises("annotation type is not valid UTF-8", doc.tag, doc, "t1\xff", sp)
end)

T.test("tagcache: wrong userdata types are still refused", function()
  local re = gloss.regex("x")
  local lex = gloss.lexicon({ "Mayor" })
  T.raises("gloss.Span expected, got gloss.Regex", doc.tag, doc, "x", re)
  T.raises("gloss.Document expected, got gloss.Span", doc.tag, sp, "x", sp)
  T.raises("gloss.Span expected, got gloss.Document", sp.range, doc)
  T.raises("gloss.Span expected, got gloss.Lexicon", sp.text, lex)
  T.raises("gloss.Lexicon expected, got gloss.Span", lex.lookup, sp, "x")
  T.raises("gloss.Regex expected, got gloss.Lexicon", re.find, lex, doc)
  T.raises("gloss.Document or gloss.Span expected, got gloss.Regex",
           re.find, re, re)
  T.eq(sp:range(), 0)
  T.eq(select(2, sp:range()), 4)
  T.eq(sp:text(), doc:text():sub(1, 4))
end)

T.done()
