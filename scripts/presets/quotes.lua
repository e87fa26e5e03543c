-- quotes: direct quotations with their nearest attribution (claim, cue, source)
--
-- For every outermost quotation, tags its content as a `claim` and looks
-- for a reporting cue next to it in the same sentence; the cue's subject
-- becomes the `source`. A quotation with no cue of its own continues the
-- speaker of the quotation just before it in the same paragraph (or the
-- previous paragraph, for a quote that opens a paragraph). Claims without
-- any findable source are kept with attribution: none.
local attribution = require("attribution")

local doc = ...

local last_source, last_para   -- the source annotation of the previous quotation

-- One annotation per (type, span): a cue or source shared by two
-- quotations ("she continued, calling this a '...'") is tagged once.
local made = {}
local function tag_once(type, span)
  local s, e = span:range()
  local key = type .. ":" .. s .. ":" .. e
  if not made[key] then made[key] = doc:tag(type, span) end
  return made[key]
end

for q in doc:quotations() do
  if q:depth() == 0 then
    local content = q:content():trim()
    if content:len() > 0 then
      local cue, source, how = attribution.attribute(q)
      local para = q:paragraph()
      local para_index = para and para:index()
      local kind = "direct"
      local prev = q:left(1, "sentence")
      if prev and prev:text() ~= ":" and prev:text() ~= "," then
        kind = "partial"            -- a quoted fragment inside a sentence
      end
      local attrs = { kind = kind }
      if q:is("unclosed") then attrs.unclosed = true end
      if q:is("continued") then attrs.continued = true end

      if not cue and last_source and para_index and last_para and
         (para_index == last_para or (para_index == last_para + 1 and
                                      q:is("continued") == false and
                                      q:left(1, "paragraph") == nil)) then
        how = "continues"                      -- same speaker goes on
      end
      attrs.attribution = how or "none"

      local claim = doc:tag("claim", content, attrs,
        { quote = q, cue = cue,                        -- why, for --explain
          source = source or (how == "continues" and doc:annotation(last_source):span()) or nil,
          note = how == "continues" and "the speaker of the quotation before" or nil })
      if not cue and how ~= "continues" then
        doc:near_miss(q, "no reporting cue within " .. attribution.AFTER_WINDOW ..
                      " tokens after or earlier in the sentence")
      elseif cue and not source then
        doc:near_miss(cue, "reporting cue '" .. cue:text() ..
                      "' with no source next to it (a pronoun or capitalised name)")
      end
      if cue then
        doc:link(claim, "cue", tag_once("cue", cue))
      end
      if how == "continues" then
        doc:link(claim, "source", last_source)
      elseif source then
        last_source = tag_once("source", source)
        doc:link(claim, "source", last_source)
      end
      if para_index then last_para = para_index end
    end
  end
end

-- Under --explain: reporting cues no quotation was attributed through
-- (indirect speech, or a quote too far away), for the script author.
if doc:explaining() then
  local quotes = {}
  for q in doc:quotations() do quotes[#quotes + 1] = q end
  local function quoted(span)
    for _, q in ipairs(quotes) do
      if q:contains(span) then return true end
    end
    return false
  end
  for cue in attribution.CUES:find(doc) do
    local s, e = cue:range()
    if not made["cue:" .. s .. ":" .. e] and not quoted(cue) then
      doc:near_miss(cue, "reporting cue with no direct quotation attributed to it")
    end
  end
end
