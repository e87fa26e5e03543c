-- span_test.lua: gloss.Span offsets and algebra over a short multilingual
-- text (tests/lua/span.txt: accents, Arabic, emoji, an em dash).
local doc = ...
local T = require("testlib")
local text = doc:text()

local function range(sp)
  local s, e = sp:range()
  return s .. "," .. e
end

-- byte offsets of the character boundaries of text
local function boundaries()
  local b = {}
  for p in utf8.codes(text) do b[#b + 1] = p - 1 end
  b[#b + 1] = #text
  return b
end

T.test("span: the fixture", function()
  T.eq(#text, 59)
  T.eq(utf8.len(text), 47)
  T.eq(doc:span(13, 19):text(), "دبي")
end)

T.test("span: grid of byte offsets agrees with string.sub", function()
  local b, n = boundaries(), 0
  for i = 1, #b do
    for j = i, #b do
      local s, e = b[i], b[j]
      local sp = doc:span(s, e)
      T.eq(sp:text(), text:sub(s + 1, e), "text of " .. s .. "," .. e)
      T.eq(sp:len(), e - s, "len of " .. s .. "," .. e)
      n = n + 1
    end
  end
  T.eq(n, 48 * 49 / 2, "pairs checked")
end)

T.test("span: every offset inside a character is refused", function()
  local on = {}
  for _, p in ipairs(boundaries()) do on[p] = true end
  local refused = 0
  for p = 0, #text do
    if not on[p] then
      T.raises("character boundaries", doc.span, doc, p, #text)
      T.raises("character boundaries", doc.span, doc, 0, p)
      refused = refused + 1
    end
  end
  T.eq(refused, 59 - 47, "continuation bytes")
end)

T.test("span: span_chars agrees with utf8.offset on a grid", function()
  local n = utf8.len(text)
  for cs = 0, n do
    for ce = cs, n do
      local sp = doc:span_chars(cs, ce)
      local s, e = sp:range()
      T.eq(s, utf8.offset(text, cs + 1) - 1, "start of " .. cs)
      T.eq(e, utf8.offset(text, ce + 1) - 1, "end of " .. ce)
      local c1, c2 = sp:chars()
      T.eq(c1, cs, "chars start")
      T.eq(c2, ce, "chars end")
    end
  end
end)

T.test("span: chars counts code points", function()
  local cases = {
    {6, 9, 5, 6},     -- ☕
    {13, 19, 10, 13}, -- دبي: 3 letters, 6 bytes
    {21, 27, 15, 20}, -- naïve
    {28, 32, 21, 22}, -- 😀
    {33, 37, 23, 27}, -- test
    {51, 54, 41, 42}, -- —
  }
  for _, c in ipairs(cases) do
    local s, e = doc:span(c[1], c[2]):chars()
    T.eq(s, c[3], "chars start of " .. c[1])
    T.eq(e, c[4], "chars end of " .. c[1])
  end
end)

T.test("span: # and len are bytes", function()
  T.eq(#doc:span(13, 19), 6)
  T.eq(doc:span(28, 32):len(), 4)
  T.eq(#doc:span(7 - 1, 6), 0)
end)

T.test("span: line and column in code points", function()
  local cases = {
    {0, 1, 1}, {6, 1, 6}, {13, 1, 11}, {33, 1, 24}, {38, 1, 29},
    {39, 2, 1}, {51, 2, 13}, {55, 2, 15}, {59, 3, 1},
  }
  for _, c in ipairs(cases) do
    local line, col = doc:span(c[1], c[1]):line()
    T.eq(line, c[2], "line at " .. c[1])
    T.eq(col, c[3], "col at " .. c[1])
  end
end)

T.test("span: doc, kind and index of a plain span", function()
  local sp = doc:span(0, 5)
  assert(rawequal(sp:doc(), doc), "doc")
  T.eq(sp:kind(), "span")
  T.eq(sp:index(), nil)
  T.eq(select("#", sp:index()), 0, "index returns nothing")
end)

T.test("span: contains", function()
  local a = doc:span(0, 12)
  T.eq(a:contains(doc:span(6, 9)), true)
  T.eq(a:contains(a), true)
  T.eq(doc:span(6, 9):contains(a), false)
  T.eq(a:contains(doc:span(10, 13)), false)
  T.eq(a:contains(doc:span(5, 5)), true, "empty inside")
  T.eq(a:contains(doc:span(12, 12)), true, "empty at the end")
  T.eq(a:contains(doc:span(0, 0)), true, "empty at the start")
  T.eq(a:contains(doc:span(13, 13)), false, "empty after")
end)

T.test("span: overlaps, with empty spans", function()
  local a = doc:span(0, 12)
  T.eq(a:overlaps(doc:span(10, 19)), true)
  T.eq(doc:span(10, 19):overlaps(a), true)
  T.eq(a:overlaps(doc:span(12, 19)), false, "adjacent")
  T.eq(a:overlaps(doc:span(5, 5)), true, "empty strictly inside")
  T.eq(doc:span(5, 5):overlaps(a), true, "symmetric")
  T.eq(a:overlaps(doc:span(0, 0)), false, "empty at the start")
  T.eq(a:overlaps(doc:span(12, 12)), false, "empty at the end")
  T.eq(doc:span(5, 5):overlaps(doc:span(5, 5)), false, "two empty")
end)

T.test("span: before and after", function()
  local a, b = doc:span(0, 5), doc:span(5, 12)
  T.eq(a:before(b), true)
  T.eq(b:after(a), true)
  T.eq(b:before(a), false)
  T.eq(a:after(b), false)
  T.eq(doc:span(0, 6):before(b), false, "overlapping")
  T.eq(doc:span(5, 5):before(b), true, "empty at its start")
end)

T.test("span: union covers the gap", function()
  local u = doc:span(0, 5):union(doc:span(10, 12))
  T.eq(range(u), "0,12")
  T.eq(u:text(), "Café ☕ in")
  T.eq(u:kind(), "span")
  T.eq(range(doc:span(10, 12):union(doc:span(0, 5))), "0,12", "symmetric")
  T.eq(range(doc:span(0, 12):union(doc:span(5, 6))), "0,12", "nested")
end)

T.test("span: intersect", function()
  T.eq(range(doc:span(0, 12):intersect(doc:span(6, 19))), "6,12")
  T.eq(doc:span(0, 5):intersect(doc:span(6, 9)), nil, "disjoint")
  T.eq(doc:span(0, 5):intersect(doc:span(5, 9)), nil, "adjacent")
  T.eq(range(doc:span(0, 12):intersect(doc:span(6, 6))), "6,6", "empty inside")
  T.eq(range(doc:span(6, 9):intersect(doc:span(0, 12))), "6,9", "nested")
end)

T.test("span: sub takes relative byte offsets", function()
  local w = doc:span(21, 27) -- naïve
  T.eq(w:text(), "naïve")
  T.eq(w:sub(0, 2):text(), "na")
  T.eq(w:sub(2, 4):text(), "ï")
  T.eq(w:sub(4):text(), "ve")
  T.eq(w:sub(6):text(), "")
  T.eq(range(w:sub(2, 4)), "23,25")
end)

T.test("span: sub boundary errors", function()
  local w = doc:span(21, 27)
  T.raises("splits a character", w.sub, w, 3)
  T.raises("splits a character", w.sub, w, 0, 3)
  T.raises("offset out of the span", w.sub, w, -1)
  T.raises("offset out of the span", w.sub, w, 7)
  T.raises("offset out of the span", w.sub, w, 0, 7)
  T.raises("offset out of the span", w.sub, w, 4, 2)
  T.raises("number expected", w.sub, w)
end)

T.test("span: trim space and punct", function()
  T.eq(doc:span(20, 28):text(), " naïve ")
  T.eq(doc:span(20, 28):trim():text(), "naïve")
  T.eq(doc:span(20, 28):trim("space"):text(), "naïve")
  T.eq(doc:span(19, 38):trim():text(), ": naïve 😀 test.")
  T.eq(doc:span(19, 38):trim("punct"):text(), "naïve 😀 test")
  T.eq(doc:span(50, 55):trim("punct"):len(), 0, "only a dash and spaces")
  T.eq(doc:span(5, 6):trim():kind(), "span")
  T.raises("invalid option 'all'", doc:span(0, 5).trim, doc:span(0, 5), "all")
end)

T.test("span: expand to whole tokens", function()
  T.eq(doc:span(2, 11):expand():text(), "Café ☕ in")
  T.eq(doc:span(15, 17):expand():text(), "دبي", "inside Arabic")
  T.eq(doc:span(0, 5):expand():text(), "Café", "already whole")
  T.eq(range(doc:span(5, 6):expand()), "5,6", "space stays")
end)

T.test("span: token methods on a plain span", function()
  local sp = doc:span(0, 5)
  T.eq(sp:class(), nil)
  T.eq(sp:is("word"), false)
  T.eq(sp:is("capitalized"), false)
  T.eq(next(sp:flags()), nil, "no flags")
  T.raises("not a quotation", sp.content, sp)
  T.raises("not a quotation", sp.depth, sp)
  T.raises("not a quotation", sp.parent, sp)
end)

T.test("span: __eq compares document and range", function()
  T.eq(doc:span(0, 5) == doc:span(0, 5), true)
  T.eq(doc:span(0, 5) == doc:span(0, 6), false)
  T.eq(doc:span(0, 5) ~= doc:span(0, 6), true)
  T.eq(doc:tokens()() == doc:span(0, 5), true, "token vs plain")
  T.eq(doc:span(0, 5) == "Café", false, "not a span")
  T.eq(doc:span(0, 0) == doc:span(5, 5), false, "empty spans elsewhere")
end)

T.test("span: __lt and __le order by start then end", function()
  T.eq(doc:span(0, 5) < doc:span(6, 9), true)
  T.eq(doc:span(0, 5) < doc:span(0, 9), true, "same start")
  T.eq(doc:span(0, 9) < doc:span(0, 5), false)
  T.eq(doc:span(0, 5) < doc:span(0, 5), false)
  T.eq(doc:span(0, 5) <= doc:span(0, 5), true)
  T.eq(doc:span(0, 9) <= doc:span(0, 5), false)
  T.eq(doc:span(6, 9) > doc:span(0, 5), true)
  T.raises("gloss.Span expected", function() return doc:span(0, 5) < 3 end)
end)

T.test("span: table.sort gives reading order", function()
  local list = {doc:span(33, 37), doc:span(0, 12), doc:span(13, 19),
                doc:span(0, 5), doc:span(39, 45), doc:span(6, 9)}
  table.sort(list)
  T.same_list((function()
    local out = {}
    for i, sp in ipairs(list) do out[i] = range(sp) end
    return out
  end)(), {"0,5", "0,12", "6,9", "13,19", "33,37", "39,45"})
end)

T.test("span: __tostring", function()
  T.eq(tostring(doc:span(0, 5)), 'gloss.Span[0,5) "Café"')
  T.eq(tostring(doc:span(5, 5)), 'gloss.Span[5,5) ""')
  -- a long span is cut to a 40-byte preview, extended to a character
  -- boundary: from byte 13, byte 53 is inside the em dash [51,54)
  T.eq(tostring(doc:span(0, 59)),
       'gloss.Span[0,59) "' .. text:sub(1, 40) .. '..."')
  T.eq(tostring(doc:span(13, 59)),
       'gloss.Span[13,59) "' .. text:sub(14, 54) .. '..."')
  T.eq(tostring(doc:span(20, 59)),
       'gloss.Span[20,59) "' .. text:sub(21, 59) .. '"', "39 bytes: whole")
end)

T.test("span: argument errors", function()
  local sp = doc:span(0, 5)
  T.raises("gloss.Span expected", sp.contains, sp, 42)
  T.raises("gloss.Span expected", sp.contains, sp, doc)
  T.raises("gloss.Span expected", sp.union, sp)
  T.raises("gloss.Span expected", sp.text, doc)
  T.raises("gloss.Span expected", sp.range, "0,5")
  T.eq(gloss.is_span(sp), true)
  T.eq(gloss.is_span(doc), false)
  T.eq(gloss.is_span({}), false)
end)

T.test("span: the metatable is locked", function()
  T.eq(getmetatable(doc:span(0, 1)), "locked")
end)

T.done()

T.test("span: token_list agrees with tokens() on every span", function()
  local b = boundaries()
  for i = 1, #b, 3 do
    for j = i, #b, 2 do
      local sp = doc:span(b[i], b[j])
      local list, k = sp:token_list(), 0
      for tok in sp:tokens() do
        k = k + 1
        local r = list[k]
        local s, e = tok:range()
        T.eq(r and r.s, s, "s of token " .. k .. " in " .. range(sp))
        T.eq(r.e, e)
        T.eq(r.text, tok:text())
        T.eq(r.lower, tok:text():lower())
        T.eq(r.class, tok:class())
        T.eq(r.cap, tok:is("capitalized"))
      end
      T.eq(#list, k, "count in " .. range(sp))
    end
  end
end)

T.test("span: token_list lowers ASCII only and marks capitals", function()
  local list = doc:all():token_list()
  T.eq(list[1].text, "Café")
  T.eq(list[1].lower, "café")
  T.eq(list[1].cap, true)
  local arabic
  for _, r in ipairs(list) do if r.text == "دبي" then arabic = r end end
  T.eq(arabic.lower, "دبي")
  T.eq(arabic.cap, false)
  T.eq(arabic.class, "word")
  T.eq(#doc:span(1, 3):token_list(), 0, "a cut token is left out")
end)

T.test("span: token_columns holds what token_list holds", function()
  local b = boundaries()
  for i = 1, #b, 4 do
    for j = i, #b, 3 do
      local sp = doc:span(b[i], b[j])
      local list, c = sp:token_list(), sp:token_columns()
      T.eq(c.n, #list, "count in " .. range(sp))
      for k, r in ipairs(list) do
        T.eq(c.s[k], r.s)
        T.eq(c.e[k], r.e)
        T.eq(c.text[k], r.text)
        T.eq(c.lower[k], r.lower)
        T.eq(c.class[k], r.class)
        T.eq(c.cap[k], r.cap)
      end
      T.eq(#c.text, c.n)
    end
  end
end)
