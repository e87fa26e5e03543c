-- bom_test.lua: a UTF-8 BOM and CRLF line ends (tests/lua/bom.txt). The
-- BOM occupies bytes [0,3), counts as one code point and is never inside
-- a span.
local doc = ...
local T = require("testlib")

-- sha256sum tests/lua/bom.txt
local SHA = "06872f421a2d5a82b1d91d5d39c9654d2cf917a41f8b5ef65d1503a48ee3f834"
local BOM = "\239\187\191"

local function range(sp)
  local s, e = sp:range()
  return s .. "," .. e
end

T.test("bom: doc:text keeps the BOM", function()
  T.eq(doc:text():sub(1, 3), BOM)
  T.eq(doc:text():sub(4, 10), "Zürich")
  T.eq(doc:len(), 104)
  T.eq(#doc:text(), 104)
end)

T.test("bom: sha256 of the bytes as read", function()
  T.eq(doc:sha256(), SHA)
end)

T.test("bom: doc:all leaves the BOM out", function()
  local s, e = doc:all():range()
  T.eq(s, 3)
  T.eq(e, 104)
  T.eq(doc:all():text(), doc:text():sub(4))
end)

T.test("bom: spans cannot reach into the BOM", function()
  T.raises("byte order mark", doc.span, doc, 0, 3)
  T.raises("byte order mark", doc.span, doc, 0, 0)
  T.raises("byte order mark", doc.span, doc, 1, 5)
  T.eq(doc:span(3, 3):len(), 0)
  T.raises("byte order mark", doc.span_chars, doc, 0, 1)
end)

T.test("bom: span_chars counts the BOM as one code point", function()
  T.eq(doc:span_chars(1, 7):text(), "Zürich")
  local s, e = doc:span(3, 10):chars()
  T.eq(s, 1)
  T.eq(e, 7)
end)

T.test("bom: emoji is one code point and four bytes", function()
  local sp = doc:span(48, 52)
  T.eq(sp:text(), "🎉")
  T.eq(sp:len(), 4)
  local s, e = sp:chars()
  T.eq(s, 45)
  T.eq(e, 46)
  T.eq(doc:span_chars(45, 46), sp)
end)

T.test("bom: line and column with CRLF", function()
  local cases = {
    {3, 1, 1},   -- Zürich: the BOM is not a column
    {11, 1, 8},  -- Daily (after the 2-byte ü)
    {20, 3, 1},  -- The
    {48, 3, 29}, -- the emoji
    {53, 3, 31}, -- "to" after the emoji: one column for four bytes
    {69, 4, 1},  -- Officials
    {84, 4, 16}, -- the opening curly quote
  }
  for _, c in ipairs(cases) do
    local line, col = doc:span(c[1], c[1]):line()
    T.eq(line, c[2], "line at " .. c[1])
    T.eq(col, c[3], "col at " .. c[1])
  end
end)

T.test("bom: first token starts after the BOM", function()
  local tok = doc:tokens()()
  T.eq(tok:text(), "Zürich")
  local s, e = tok:range()
  T.eq(s, 3)
  T.eq(e, 10)
  T.eq(tok:is("paragraph_start"), true)
end)

T.test("bom: the headline and the CRLF paragraph", function()
  local p = T.texts(doc:paragraphs())
  T.eq(#p, 2)
  T.eq(p[1], "Zürich Daily")
  T.eq(p[2], "The rally drew 5,000 people 🎉 to the square.\r\n" ..
             "Officials said “all is calm.”")
  T.eq(doc:paragraphs()():is("headline"), true)
end)

T.test("bom: sentences do not include the CRLF", function()
  T.same_list(T.texts(doc:sentences()), {
    "Zürich Daily",
    "The rally drew 5,000 people 🎉 to the square.",
    "Officials said “all is calm.”",
  })
end)

T.test("bom: curly quotation", function()
  local q = doc:quotations()()
  T.eq(q:text(), "“all is calm.”")
  T.eq(q:content():text(), "all is calm.")
end)

T.test("bom: trim punct removes curly quotation marks", function()
  local q = doc:quotations()()
  T.eq(q:trim("punct"):text(), "all is calm")
  T.eq(q:trim():text(), "“all is calm.”", "space only")
end)

T.test("bom: ^ and \\A hold at the first character after the BOM", function()
  T.eq(range(gloss.regex("^Zürich"):find(doc)), "3,10")
  T.eq(range(gloss.regex("\\AZ"):find(doc)), "3,4")
  T.eq(range(gloss.regex("^Z", "m"):match(doc)[0]), "3,4")
  T.eq(gloss.regex("^Z"):test(doc:all()), true)
  local starts = {}
  for sp in gloss.regex("^", "m"):gmatch(doc) do starts[#starts + 1] = (sp:range()) end
  -- PCRE: no ^ after the final newline
  T.same_list(starts, {3, 18, 20, 69}, "line starts")
end)

T.test("bom: multiline $ stops before CRLF", function()
  local m = gloss.regex("\\.$", "m"):find(doc)
  local s, e = m:range()
  T.eq(s, 66)
  T.eq(e, 67)
  local ends = {}
  for sp in gloss.regex("$", "m"):gmatch(doc) do ends[#ends + 1] = (sp:range()) end
  T.same_list(ends, {16, 18, 67, 102, 104}, "line ends")
end)

T.test("bom: trim removes CR and LF", function()
  T.eq(doc:span(16, 23):trim():text(), "The")
  T.eq(doc:span(67, 69):trim():len(), 0)
end)

T.done()
