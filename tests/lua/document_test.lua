-- document_test.lua: gloss.Document over tests/lua/article.txt (LF, no
-- BOM, an em dash and a euro sign as the only multibyte characters).
local doc = ...
local T = require("testlib")

-- sha256sum tests/lua/article.txt
local SHA = "cec5deefbf8c9b0244a9afb8af76dc644a08df2c8175c6ed05ac2bb33c47d5aa"

T.test("doc:text is the whole file", function()
  local t = doc:text()
  T.eq(#t, 464, "#text")
  T.eq(t:sub(1, 7), "Harbour")
  T.eq(t:sub(-8), " added.\n")
  T.eq(type(t), "string")
end)

T.test("doc:len is the byte length", function()
  T.eq(doc:len(), 464)
  T.eq(doc:len(), #doc:text())
end)

T.test("doc:path is the path as given", function()
  T.eq(doc:path(), "tests/lua/article.txt")
end)

T.test("doc:sha256 matches sha256sum", function()
  T.eq(doc:sha256(), SHA)
end)

T.test("doc:span takes 0-based half-open byte offsets", function()
  T.eq(doc:span(0, 7):text(), "Harbour")
  T.eq(doc:span(51, 54):text(), "—")
  T.eq(doc:span(104, 109):text(), "€40")
  T.eq(doc:span(5, 5):text(), "")
  T.eq(doc:span(464, 464):len(), 0)
  T.eq(doc:span(0, 464):text(), doc:text())
end)

T.test("doc:span rejects offsets out of range", function()
  T.raises("offset out of range", doc.span, doc, -1, 3)
  T.raises("offset out of range", doc.span, doc, 0, 465)
  T.raises("offset out of range", doc.span, doc, 465, 465)
  T.raises("end before start", doc.span, doc, 9, 8)
end)

T.test("doc:span rejects offsets inside a multibyte character", function()
  T.raises("character boundaries", doc.span, doc, 52, 54)
  T.raises("character boundaries", doc.span, doc, 51, 53)
  T.raises("character boundaries", doc.span, doc, 105, 106)
end)

T.test("doc:span rejects non-integer offsets", function()
  T.raises("number expected", doc.span, doc, "x", 3)
  T.raises("number has no integer representation", doc.span, doc, 1.5, 3)
  T.raises("number expected", doc.span, doc, 1)
  T.eq(doc:span(2.0, 4.0):text(), "rb")
end)

T.test("doc:span_chars takes code point offsets", function()
  -- the em dash (3 bytes) before the euro sign shifts it by 2
  T.eq(doc:span_chars(102, 103):text(), "€")
  T.eq(select(1, doc:span_chars(102, 103):range()), 104)
  T.eq(doc:span_chars(51, 52):text(), "—")
  local n = utf8.len(doc:text())
  T.eq(n, 460, "code points")
  local s, e = doc:span_chars(0, n):range()
  T.eq(s, 0, "start")
  T.eq(e, 464, "end")
end)

T.test("doc:span_chars rejects out-of-range offsets", function()
  T.raises("offset out of range", doc.span_chars, doc, 0, 461)
  T.raises("offset out of range", doc.span_chars, doc, -1, 0)
  T.raises("end before start", doc.span_chars, doc, 3, 2)
end)

T.test("doc:all covers the whole text", function()
  local a = doc:all()
  local s, e = a:range()
  T.eq(s, 0)
  T.eq(e, 464)
  T.eq(a:kind(), "span")
  T.eq(a:text(), doc:text())
end)

T.test("doc:tokens iterates in order with 1-based indexes", function()
  local n, prev_end = 0, -1
  for tok in doc:tokens() do
    n = n + 1
    T.eq(tok:kind(), "token")
    T.eq(tok:index(), n, "index")
    local s, e = tok:range()
    assert(s >= prev_end and e > s, "tokens in order, non-empty")
    prev_end = e
  end
  T.eq(n, 101, "tokens")
  T.eq(n, doc:count("tokens"))
end)

T.test("doc:tokens first and last", function()
  local list = T.texts(doc:tokens())
  T.eq(list[1], "Harbour")
  T.eq(list[7], "—")
  T.eq(list[18], "€")
  T.eq(list[19], "40")
  T.eq(list[#list], ".")
end)

T.test("doc:sentences", function()
  local s = T.texts(doc:sentences())
  T.eq(#s, 8)
  T.eq(doc:count("sentences"), 8)
  T.eq(s[1], "Harbour Council Approves Flood Barrier")
  T.eq(s[3], "\"We cannot wait for the next storm,\" said Mayor Helen Okafor.")
  T.eq(s[4], "\"The sea will not wait for us.\"")
  T.eq(s[7], "The U.S. Army Corps of Engineers declined to comment.")
  local i = 0
  for sp in doc:sentences() do
    i = i + 1
    T.eq(sp:kind(), "sentence")
    T.eq(sp:index(), i)
  end
end)

T.test("doc:paragraphs", function()
  local p = T.texts(doc:paragraphs())
  T.eq(#p, 5)
  T.eq(doc:count("paragraphs"), 5)
  T.eq(p[1], "Harbour Council Approves Flood Barrier")
  T.eq(p[5], "\"The first phase starts in May,\" the mayor added.")
  for sp in doc:paragraphs() do T.eq(sp:kind(), "paragraph") end
end)

T.test("doc:quotations", function()
  T.same_list(T.texts(doc:quotations()), {
    "\"We cannot wait for the next storm,\"",
    "\"The sea will not wait for us.\"",
    "'It is a waste,'",
    "\"The first phase starts in May,\"",
  })
  T.eq(doc:count("quotations"), 4)
  for q in doc:quotations() do T.eq(q:kind(), "quotation") end
end)

T.test("iterators are independent and restartable", function()
  local a, b = doc:sentences(), doc:sentences()
  T.eq(a():index(), 1)
  T.eq(a():index(), 2)
  T.eq(b():index(), 1)
  for _ = 3, 8 do a() end
  T.eq(a(), nil, "exhausted")
  T.eq(a(), nil, "stays exhausted")
end)

T.test("doc:count rejects unknown kinds", function()
  T.raises("invalid option 'words'", doc.count, doc, "words")
  T.raises("string expected", doc.count, doc)
end)

T.test("methods check their self argument", function()
  T.raises("gloss.Document expected", doc.text, 42)
  T.raises("gloss.Document expected", doc.len, doc:all())
  T.raises("gloss.Document expected", doc.span, nil, 0, 1)
end)

T.test("tostring and type checks", function()
  T.eq(tostring(doc), "gloss.Document(tests/lua/article.txt, 464 bytes)")
  T.eq(gloss.is_document(doc), true)
  T.eq(gloss.is_document(doc:all()), false)
  T.eq(gloss.is_document("doc"), false)
  T.eq(gloss.is_document(), false)
  T.eq(type(doc), "userdata")
end)

T.test("the metatable is locked", function()
  T.eq(getmetatable(doc), "locked")
  T.raises("table expected", setmetatable, doc, {})
end)

T.test("a document is the same object for every call", function()
  assert(rawequal(doc:all():doc(), doc), "span:doc() is the document")
  assert(rawequal(doc:span(1, 2):doc(), doc:span(3, 4):doc()))
end)

T.done()
