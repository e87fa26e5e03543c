-- council.lua: council officials and what they warned, argued or insisted
-- (the script annotations/TUTORIAL.md builds)
local doc = ...

local TITLED = gloss.regex([[\b(Councillor|Mayor) (\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*)]])
local STREETS = { Street = true, Road = true, Square = true, Quay = true }
local CLAIM = gloss.regex([[\b(warned|argued|insisted) that ([^.!?]+)]])

for _, title, name in TITLED:gmatch(doc) do
  if not STREETS[name:text():match("%S+$")] then
    local actor = doc:tag("actor", name, { kind = "official", title = title:text() })
    local _, verb, content = CLAIM:find(name:sentence())
    if verb and name:before(verb) then
      local claim = doc:tag("claim", content, { kind = "indirect" })
      doc:link(claim, "source", actor)
      doc:link(claim, "cue", doc:tag("cue", verb))
    end
  end
end
