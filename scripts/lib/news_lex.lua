-- news_lex.lua: the word lists of the news preset, loaded once per run
-- (Lua layer), and lookups that combine them.
local M = {}

M.PLACES = gloss.lexicon("places.txt")
M.ORGS = gloss.lexicon("organisations.txt")
M.TITLES = gloss.lexicon("titles.txt")
M.NOTNAMES = gloss.lexicon("notnames.txt")
M.FIRST = gloss.lexicon("firstnames.txt")
M.COLLECTIVES = gloss.lexicon("collectives.txt")
M.CUES = gloss.lexicon("reporting.txt")

local ORG_KIND = { kind = "organisation" }

-- What the lists know about a name: an entry whose kind is organisation,
-- orghead, country, city, state, region, demonym or title; nil if none.
-- Results are cached per text, since the same names recur.
local cache = setmetatable({}, { __mode = "k" })
function M.lookup_name(text)
    local hit = cache[text]
    if hit ~= nil then return hit or nil end
    local e = M.ORGS:lookup(text)
    if e and e.kind == "organisation" then hit = ORG_KIND
    else
        hit = M.PLACES:lookup(text) or M.TITLES:lookup(text) or e or false
    end
    cache[text] = hit
    return hit or nil
end

-- A capitalised word that is no name on its own ("However", "Tuesday").
-- All-capital words are acronyms ("US", "IT"), never function words.
function M.notname(w)
    if not w:find("%l") and #w < 3 then return false end
    return M.NOTNAMES:lookup(w) ~= nil
end

function M.firstname(w)
    return M.FIRST:lookup(w) ~= nil
end

return M
