-- attrs.lua: golden case for attribute values of every type, strings YAML
-- would misread if written plain, and links with several targets.
local doc = ...

local head = doc:tag("headline", doc:paragraphs()(), {
  str = "plain words",
  int = 42,
  neg = -7,
  big = math.maxinteger,
  float = 0.25,
  whole_float = 2.0,
  tiny = 1e-300,
  yes = true,
  no = false,
  list = {"a", 1, 1.5, false, "yes"},
  empty_list = {},
})

local tricky = {
  "yes", "no", "on", "off", "true", "False", "NULL", "null", "~", "012",
  "0x1F", "1e3", ".5", "-", ": x", "# c", "a: b", "x #y", " leading space",
  "trailing space ", "", "'single'", "\"double\"", "[1, 2]", "{k: v}",
  "- item", "@at", "`tick", "%pct", "!tag", "&anchor", "*alias", "|", ">",
  "?", "line\nbreak", "tab\there", "back\\slash", "Ünïcödé ☕", "\u{1F389}",
  "1:30", "2024-01-05", ".inf", ".nan",
}
local attrs = {}
for i, s in ipairs(tricky) do attrs[string.format("s%02d", i)] = s end
attrs.list = tricky
doc:tag("strings", doc:span(18, 22), attrs)

local speaker
for tok in doc:tokens() do
  if tok:text() == "Reyes" then
    speaker = speaker or doc:tag("person", tok)
  end
end
local quote = doc:tag("quote", doc:quotations()(), {kind = "direct"})
local authority = doc:tag("org", gloss.regex("port authority"):find(doc))
local lines = doc:tag("org", gloss.regex("shipping lines"):find(doc))
doc:link(quote, "speaker", speaker)
doc:link(quote, "confirmed_by", authority)
doc:link(quote, "confirmed_by", lines)
doc:link(quote, "confirmed_by", authority) -- kept once
doc:annotation(head):link("about", quote)
