-- attribution.lua: find the cue and the source of a quotation, the way a
-- news reader does: a reporting verb just after the quote ("..., she
-- said", "..., said Marta Kovalenko") or just before it in the same
-- sentence ("He told a rally: '...'").
local tokens = require("tokens")

local M = {}

local CUES = gloss.lexicon("cues.txt")
M.CUES = CUES     -- the reporting cues, for near misses (presets/quotes.lua)
local STOP = { [","] = true, [";"] = true, [":"] = true, ["("] = true,
               [")"] = true, ["—"] = true, ["–"] = true,
               -- a clause starting with a conjunction has its own subject:
               -- "..., and several people chanted" -> "several people"
               ["and"] = true, ["but"] = true, ["while"] = true,
               ["or"] = true }

-- How far from a quotation a cue may stand, in tokens.
M.AFTER_WINDOW = 8
M.BEFORE_WINDOW = 40

-- A source made of the tokens right after a cue: a pronoun, or a run of
-- capitalised words ("said Tomas Berg, who runs ...").
local function source_after(cue)
  local toks = tokens.list(cue:right(6, "sentence"))
  local first = toks[1]
  if not first then return nil end
  if tokens.pronouns[first:text()] then return first end
  local last
  for i, tok in ipairs(toks) do
    if tok:is("capitalized") or (last and tokens.name_glue[tok:text()]) then
      last = i
    else
      break
    end
  end
  -- a trailing "." or "of" is not part of a name
  while last and not toks[last]:is("capitalized") do last = last - 1 end
  if last then return tokens.cover(toks, 1, last) end
  return nil
end

-- Words that open a relative clause: "X, who asked not to be named, said"
-- is attributed to X, not to the clause.
local RELATIVE = { who = true, which = true, whose = true, whom = true,
                   where = true }

-- A source made of the tokens right before a cue, back to the start of
-- its clause ("Police spokesman Col. Andrei Petrov told ..."); a comma
-- just before the cue closes an apposition or a relative clause, which
-- is looked through ("Niko Varga, said" -> "Niko Varga";
-- "Ltd., which runs the berths, said" -> "Meridian Terminals Ltd.").
local function source_before(cue)
  local toks = tokens.list(cue:left(16, "sentence"))
  local j = #toks
  while j >= 1 and STOP[toks[j]:text()] do j = j - 1 end
  while j >= 1 do
    local i = j
    while i >= 1 and not STOP[toks[i]:text()] and not toks[i]:is("quote") do
      i = i - 1
    end
    i = i + 1
    if i > j then return nil end
    if not RELATIVE[toks[i]:text():lower()] then
      return tokens.cover(toks, i, j)
    end
    -- a relative clause: the source is the phrase before it
    j = i - 1
    while j >= 1 and STOP[toks[j]:text()] do j = j - 1 end
  end
  return nil
end

-- The first cue in a span, or nil.
local function first_cue(span)
  if span == nil then return nil end
  local step, state, start = CUES:find(span)
  return step(state, start)
end

-- The last cue in a span, or nil.
local function last_cue(span)
  if span == nil then return nil end
  local found, found_entry
  for cue, entry in CUES:find(span) do found, found_entry = cue, entry end
  return found, found_entry
end

-- Attribute quotation q: returns cue, source (either may be nil) and how
-- ("after" / "before").
function M.attribute(q)
  -- after: skip the punctuation that closes the quote, then at most a
  -- short subject ("she", "Foltyn") before the cue
  local right = q:right(M.AFTER_WINDOW, "sentence")
  if right then
    local cue = first_cue(right)
    if cue then
      local between = tokens.list(q:union(cue))
      local subject = {}
      for _, tok in ipairs(between) do
        if tok:after(q) and tok:before(cue) and not tok:is("punct") and not tok:is("quote") then
          subject[#subject + 1] = tok
        end
      end
      if #subject == 0 then return cue, source_after(cue), "after" end
      if #subject <= 4 then
        return cue, subject[1]:union(subject[#subject]), "after"
      end
    end
  end
  -- before: the last cue in the same sentence, at most BEFORE_WINDOW
  -- tokens back (a bound, so that a sentence holding hundreds of
  -- quotations is not scanned again for each of them)
  local before = q:left(M.BEFORE_WINDOW, "sentence")
  if before then
    local cue = last_cue(before)
    if cue then return cue, source_before(cue), "before" end
  end
  return nil, nil, nil
end

return M
