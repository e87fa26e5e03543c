-- quote_test.lua: quotation spans (content, nesting, flags) over
-- tests/lua/quote.txt, which has a nested, a continued, an unopened, a
-- mismatched, an unclosed and two ambiguous quotations.
local doc = ...
local T = require("testlib")

local Q = {}
for q in doc:quotations() do Q[#Q + 1] = q end

local function range(sp)
  local s, e = sp:range()
  return s .. "," .. e
end

local function flags(q)
  local out = {}
  for k in pairs(q:flags()) do out[#out + 1] = k end
  table.sort(out)
  return table.concat(out, ",")
end

T.test("quote: all quotations in order, outer before inner", function()
  T.eq(#Q, 8)
  T.same_list(T.texts(doc:quotations()), {
    "\"The count will resume at dawn,\"",
    "\"Nobody should 'panic' tonight.\"",
    "'panic'",
    "\"We will see what the morning brings.\n\n\"Every ballot will be counted,\"",
    "A volunteer said the night was over,\"",
    "“a fair process\"",
    "'last minute rules'",
    "\"it is too late.",
  })
  for i, q in ipairs(Q) do T.eq(q:index(), i, "index") end
end)

T.test("quote: content leaves the marks out", function()
  T.eq(Q[1]:content():text(), "The count will resume at dawn,")
  T.eq(range(Q[1]:content()), "21,51")
  T.eq(Q[1]:content():kind(), "span")
  T.eq(Q[3]:content():text(), "panic")
  T.eq(Q[6]:content():text(), "a fair process", "after a 3-byte mark")
  T.eq(range(Q[6]:content()), "302,316")
  T.eq(Q[8]:content():text(), "it is too late.", "unclosed: to the end")
end)

T.test("quote: nesting with parent and depth", function()
  T.eq(Q[3]:depth(), 1)
  T.eq(Q[2]:depth(), 0)
  local p = Q[3]:parent()
  T.eq(p, Q[2])
  T.eq(p:kind(), "quotation")
  T.eq(p:index(), 2)
  T.eq(Q[2]:parent(), nil)
  T.eq(select("#", Q[1]:parent()), 0, "no value for a top-level quotation")
end)

T.test("quote: flags", function()
  T.eq(flags(Q[1]), "")
  T.eq(flags(Q[3]), "ambiguous")
  T.eq(flags(Q[4]), "continued")
  T.eq(flags(Q[5]), "unopened")
  T.eq(flags(Q[6]), "mismatch")
  T.eq(flags(Q[7]), "ambiguous")
  T.eq(flags(Q[8]), "unclosed")
end)

T.test("quote: is with quotation flags", function()
  T.eq(Q[4]:is("continued"), true)
  T.eq(Q[4]:is("unclosed"), false)
  T.eq(Q[5]:is("unopened"), true)
  T.eq(Q[6]:is("mismatch"), true)
  T.eq(Q[8]:is("unclosed"), true)
  T.eq(Q[3]:is("ambiguous"), true)
  T.eq(Q[1]:is("ambiguous"), false)
  T.eq(Q[1]:is("capitalized"), false, "token flag on a quotation")
  T.eq(Q[1]:is("quote"), false, "a class is for tokens")
  T.eq(doc:span(20, 52):is("continued"), false, "plain span")
end)

T.test("quote: a continued quotation spans paragraphs", function()
  local p = Q[4]:paragraph()
  T.eq(p:index(), 3)
  T.eq(Q[4]:contains(Q[4]:content()), true)
  T.eq(Q[4]:sentence():index(), 5)
  local paras = 0
  for para in doc:paragraphs() do
    if para:overlaps(Q[4]) then paras = paras + 1 end
  end
  T.eq(paras, 2)
end)

T.test("quote: quotations of a quotation include itself and nested ones", function()
  T.same_list(T.texts(Q[2]:quotations()),
              {"\"Nobody should 'panic' tonight.\"", "'panic'"})
  T.same_list(T.texts(Q[2]:content():quotations()), {"'panic'"})
end)

T.test("quote: quotation tokens", function()
  T.same_list(T.texts(Q[3]:tokens()), {"'", "panic", "'"})
  T.eq(Q[3]:tokens()():class(), "quote")
end)

T.test("quote: quotation methods need a quotation", function()
  local tok = doc:tokens()()
  T.raises("not a quotation", tok.content, tok)
  T.raises("not a quotation", tok.parent, tok)
  T.raises("not a quotation", tok.depth, doc:sentences()())
  T.raises("gloss.Span expected", Q[1].content, doc)
end)

T.done()
