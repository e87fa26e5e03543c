-- annot_test.lua: doc:tag / doc:link / doc:annotations and
-- gloss.Annotation handles, over tests/lua/article.txt.
local doc = ...
local T = require("testlib")

-- "file:line" of the caller (error level 3: past pcall and here())
local function here()
  local _, where = pcall(error, "", 3)
  return (where:gsub(": $", ""))
end

local function ids(list)
  local out = {}
  for i, a in ipairs(list) do out[i] = a:id() end
  return out
end

local headline = doc:paragraphs()()           -- [0,38)
local mayor = doc:span(217, 235)              -- Mayor Helen Okafor
local quote1 = doc:quotations()()             -- [175,211)

local id1, rule1 = doc:tag("headline", headline), here()
local id2 = doc:tag("speaker", mayor, {
  name = "Helen Okafor", count = 3, score = 0.75, ok = true, no = false,
  list = {"a", 2, 2.5, true}, empty = {},
})
local id3 = doc:tag("quote", quote1, {kind = "direct"})

T.test("annot: tag returns increasing ids", function()
  T.eq(id1, 1)
  T.eq(id2, 2)
  T.eq(id3, 3)
  T.eq(math.type(id1), "integer")
  T.eq(doc:tag("tmp", doc:span(0, 0)), 4)
end)

T.test("annot: attributes of every type read back with get", function()
  local a = doc:annotation(id2)
  T.eq(a:get("name"), "Helen Okafor")
  T.eq(a:get("count"), 3)
  T.eq(math.type(a:get("count")), "integer")
  T.eq(a:get("score"), 0.75)
  T.eq(math.type(a:get("score")), "float")
  T.eq(a:get("ok"), true)
  T.eq(a:get("no"), false)
  T.eq(a:get("missing"), nil)
  local l = a:get("list")
  T.eq(#l, 4)
  T.eq(l[1], "a")
  T.eq(math.type(l[2]), "integer")
  T.eq(l[3], 2.5)
  T.eq(l[4], true)
  T.eq(#a:get("empty"), 0)
  T.eq(type(a:get("empty")), "table")
end)

T.test("annot: attrs returns a copy", function()
  local a = doc:annotation(id2)
  local t = a:attrs()
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  T.same_list(keys, {"count", "empty", "list", "name", "no", "ok", "score"})
  t.name = "changed"
  t.list[1] = "z"
  T.eq(a:get("name"), "Helen Okafor")
  T.eq(a:get("list")[1], "a")
  T.eq(next(doc:annotation(id1):attrs()), nil, "no attributes")
end)

T.test("annot: set replaces and adds", function()
  local a = doc:annotation(id3)
  a:set("kind", "indirect")
  a:set("n", 7)
  a:set("tags", {"x", "y"})
  T.eq(a:get("kind"), "indirect")
  T.eq(a:get("n"), 7)
  T.eq(a:get("tags")[2], "y")
  a:set("n", false)
  T.eq(a:get("n"), false)
end)

T.test("annot: handle accessors", function()
  local a = doc:annotation(id2)
  T.eq(a:id(), 2)
  T.eq(a:type(), "speaker")
  T.eq(a:text(), "Mayor Helen Okafor")
  T.eq(a:span(), mayor)
  T.eq(a:span():kind(), "span")
  T.eq(a:review(), "pending")
end)

T.test("annot: rule is script:line", function()
  T.eq(rule1, "tests/lua/annot_test.lua:22", "the line of the tag call")
  T.eq(doc:annotation(id1):rule(), rule1)
  local id, where = doc:tag("tmp", headline), here()
  T.eq(doc:annotation(id):rule(), where)
  -- through pcall the rule is still the Lua line that made the call
  local ok, id5 = pcall(doc.tag, doc, "tmp", headline); local w2 = here()
  assert(ok, id5)
  T.eq(doc:annotation(id5):rule(), w2)
end)

T.test("annot: tag errors", function()
  T.raises("empty annotation type", doc.tag, doc, "", headline)
  T.raises("string expected", doc.tag, doc, {}, headline)
  T.raises("string expected", doc.tag, doc, nil, headline)
  T.raises("gloss.Span expected", doc.tag, doc, "x", doc)
  T.raises("gloss.Span expected", doc.tag, doc, "x", nil)
  T.raises("table expected", doc.tag, doc, "x", headline, "attrs")
  T.raises("gloss.Document expected", doc.tag, headline, "x", headline)
end)

T.test("annot: bad attribute values are refused", function()
  local n = #doc:annotations()
  T.raises("function values cannot be stored", doc.tag, doc, "x", headline, {f = print})
  T.raises("userdata values cannot be stored", doc.tag, doc, "x", headline, {s = headline})
  T.raises("lists cannot contain tables", doc.tag, doc, "x", headline, {l = {{1}}})
  T.raises("a list must be a sequence", doc.tag, doc, "x", headline, {l = {1, 2, [4] = 4}})
  T.raises("a list must be a sequence", doc.tag, doc, "x", headline, {l = {a = 1}})
  T.raises("a list must be a sequence", doc.tag, doc, "x", headline, {l = {1, k = 2}})
  T.raises("attribute names must be non-empty UTF-8 strings", doc.tag, doc, "x", headline, {"positional"})
  T.raises("attribute names must be non-empty UTF-8 strings", doc.tag, doc, "x", headline, {[""] = 1})
  T.raises("attribute 'v': inf is not a finite number", doc.tag, doc, "x", headline, {v = 1 / 0})
  T.raises("is not a finite number", doc.tag, doc, "x", headline, {v = {1, 0 / 0}})
  T.eq(#doc:annotations(), n, "nothing stored by a failed tag")
end)

T.test("annot: set errors leave the value alone", function()
  local a = doc:annotation(id2)
  T.raises("function values cannot be stored", a.set, a, "name", print)
  T.raises("lists cannot contain tables", a.set, a, "name", {{}})
  T.raises("no keys, no holes", a.set, a, "name", {1, nil, 3})
  T.raises("nil cannot be stored", a.set, a, "name", nil)
  T.raises("empty attribute name", a.set, a, "", 1)
  T.raises("bad argument #3", a.set, a, "name")
  T.raises("-inf is not a finite number", a.set, a, "name", -1 / 0)
  T.eq(a:get("name"), "Helen Okafor")
end)

T.test("annot: link and links by role", function()
  local q = doc:annotation(id3)
  doc:link(id3, "speaker", id2)
  q:link("source", doc:annotation(id1))
  q:link("source", id2)
  doc:link(q, "source", id2) -- a duplicate pair is kept once
  local sp = q:links("speaker")
  T.eq(#sp, 1)
  T.eq(sp[1], doc:annotation(id2))
  T.same_list(ids(q:links("source")), {1, 2})
  T.same_list(ids(q:links("nothing")), {})
  T.same_list(ids(doc:annotation(id2):links("speaker")), {}, "links are one way")
end)

T.test("annot: links() groups every role", function()
  local all = doc:annotation(id3):links()
  local roles = {}
  for r in pairs(all) do roles[#roles + 1] = r end
  table.sort(roles)
  T.same_list(roles, {"source", "speaker"})
  T.same_list(ids(all.source), {1, 2})
  T.same_list(ids(all.speaker), {2})
  T.eq(next(doc:annotation(id1):links()), nil)
end)

T.test("annot: link errors", function()
  local n = #doc:annotations()
  T.raises("no such annotation id", doc.link, doc, id1, "r", n + 1)
  T.raises("no such annotation id", doc.link, doc, 0, "r", id1)
  T.raises("no such annotation id", doc.link, doc, -1, "r", id1)
  T.raises("empty link role", doc.link, doc, id1, "", id2)
  T.raises("string expected", doc.link, doc, id1, nil, id2)
  T.raises("number expected", doc.link, doc, id1, "r", "two")
  T.raises("number expected", doc.link, doc, id1, "r", headline)
  local a = doc:annotation(id1)
  T.raises("no such annotation id", a.link, a, "r", 999)
  T.raises("empty link role", a.link, a, "", id2)
  T.eq(#a:links("r"), 0)
end)

T.test("annot: doc:annotation", function()
  T.eq(doc:annotation(id2):type(), "speaker")
  T.eq(doc:annotation(0), nil)
  T.eq(doc:annotation(10000), nil)
  T.raises("number expected", doc.annotation, doc, "one")
  T.raises("number has no integer representation", doc.annotation, doc, 1.5)
end)

T.test("annot: annotations in position order, by type", function()
  local all = doc:annotations()
  local prev
  for _, a in ipairs(all) do
    if prev then -- start ascending, then outer (longer) first
      local ps, pe = prev:span():range()
      local s, e = a:span():range()
      assert(ps < s or (ps == s and pe >= e), "position order")
    end
    prev = a
  end
  T.eq(#doc:annotations("speaker"), 1)
  T.eq(doc:annotations("speaker")[1], doc:annotation(id2))
  T.eq(#doc:annotations("nothing"), 0)
  T.eq(#doc:annotations{type = "quote"}, 1)
  T.raises("string or table expected", doc.annotations, doc, 42)
end)

T.test("annot: annotations within, overlaps, contains", function()
  local p3 = doc:span(175, 268)
  local function types(list)
    local out = {}
    for i, a in ipairs(list) do out[i] = a:type() end
    return out
  end
  T.same_list(types(doc:annotations{within = p3}), {"quote", "speaker"})
  T.same_list(types(doc:annotations{within = p3, type = "quote"}), {"quote"})
  T.same_list(types(doc:annotations{overlaps = doc:span(220, 300)}), {"speaker"})
  T.same_list(types(doc:annotations{overlaps = doc:span(235, 300)}), {}, "adjacent")
  T.same_list(types(doc:annotations{contains = doc:span(223, 228)}), {"speaker"})
  T.same_list(types(doc:annotations{contains = doc:span(200, 220)}), {}, "crosses")
  T.raises("field 'within': gloss.Span expected, got userdata",
           doc.annotations, doc, {within = doc})
  T.raises("field 'overlaps': gloss.Span expected, got number",
           doc.annotations, doc, {overlaps = 42})
  T.raises("field 'type': string expected, got table",
           doc.annotations, doc, {type = {}})
end)

T.test("annot: __eq and __tostring", function()
  local a, b = doc:annotation(id1), doc:annotation(id1)
  assert(not rawequal(a, b), "two handles")
  T.eq(a == b, true)
  T.eq(a == doc:annotation(id2), false)
  T.eq(doc:annotations("headline")[1] == a, true)
  T.eq(tostring(a), "gloss.Annotation(1 headline [0,38))")
  T.eq(tostring(doc:annotation(id2)), "gloss.Annotation(2 speaker [217,235))")
  T.eq(getmetatable(a), "locked")
end)

T.test("annot: names without NUL bytes, filters without typos", function()
  local sp = doc:span(0, 4)
  T.raises("annotation type contains a NUL byte", doc.tag, doc, "a\0b", sp)
  T.raises("empty annotation type", doc.tag, doc, "", sp)
  T.raises("without NUL bytes", doc.tag, doc, "x", sp, { ["k\0"] = 1 })
  local id = doc:tag("x", sp)
  T.raises("link role contains a NUL byte", doc.link, doc, id, "r\0", id)
  T.raises("unknown filter field 'typ'", doc.annotations, doc, { typ = "x" })
  -- invalid UTF-8 is refused at the tagging line, not when writing YAML
  T.raises("annotation type is not valid UTF-8 (byte offset 1)", doc.tag, doc, "a\xff", sp)
  T.raises("link role is not valid UTF-8", doc.link, doc, id, "\xed\xa0\x80", id)
  T.raises("attribute 'v': not valid UTF-8 (byte offset 0)", doc.tag, doc, "x", sp, { v = "\xc0\xaf" })
  T.raises("attribute 'v': not valid UTF-8", doc.tag, doc, "x", sp, { v = { "ok", "\xf4\x90\x80\x80" } })
  T.raises("non-empty UTF-8 strings", doc.tag, doc, "x", sp, { ["\xff"] = 1 })
end)

T.test("annot: == with other kinds of values is false", function()
  local a = doc:annotation(doc:tag("x", doc:span(0, 4)))
  T.eq(a == doc:span(0, 4), false, "annotation == span")
  T.eq(doc:span(0, 4) == a, false, "span == annotation")
  T.eq(doc:span(0, 4) == doc:span(0, 4), true, "equal spans")
end)

T.test("annot: filters agree with a brute-force scan (random spans)", function()
  -- spans of every length, empty ones included, tagged in random order
  local len, seed = doc:len(), 12345
  local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
  local function span_at(s, e)
    -- snap to character boundaries: the fixture is ASCII-safe at token edges
    local ok, sp = pcall(doc.span, doc, s, e)
    return ok and sp or nil
  end
  local made = {}
  for _ = 1, 300 do
    local s = rnd(len + 1)
    local e = math.min(len, s + (rnd(4) == 0 and 0 or rnd(200)))
    local sp = span_at(s, e)
    if sp then made[#made + 1] = doc:annotation(doc:tag(rnd(2) == 0 and "r1" or "r2", sp)) end
  end
  for _ = 1, 200 do
    local s = rnd(len + 1)
    local q = span_at(s, math.min(len, s + rnd(300)))
    if q then
      for _, mode in ipairs({"within", "overlaps", "contains"}) do
        local want = {}
        for _, a in ipairs(doc:annotations()) do
          local sp = a:span()
          local hit = (mode == "within" and q:contains(sp)) or
                      (mode == "overlaps" and q:overlaps(sp)) or
                      (mode == "contains" and sp:contains(q))
          if hit and a:type() == "r1" then want[#want + 1] = a:id() end
        end
        local got = {}
        for _, a in ipairs(doc:annotations{ type = "r1", [mode] = q }) do got[#got + 1] = a:id() end
        T.same_list(got, want, mode)
      end
    end
  end
  T.eq(#doc:annotations("never-tagged"), 0, "unknown type")
end)

T.done()
