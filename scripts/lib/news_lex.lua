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
-- Results are cached per text, since the same names recur. A cache holds
-- two generations of at most LIMIT entries: when the young one is full it
-- becomes the old one and the oldest is dropped, so memory stays flat over
-- a corpus while the names that keep recurring stay cached.
local LIMIT = 10000
local cache, cache_old, ncache = {}, {}, 0
function M.lookup_name(text)
    local hit = cache[text]
    if hit ~= nil then return hit or nil end
    hit = cache_old[text]
    if hit == nil then
        local e = M.ORGS:lookup(text)
        if e and e.kind == "organisation" then hit = ORG_KIND
        else
            hit = M.PLACES:lookup(text) or M.TITLES:lookup(text) or e or false
        end
    end
    if ncache >= LIMIT then cache, cache_old, ncache = {}, cache, 0 end
    cache[text] = hit
    ncache = ncache + 1
    return hit or nil
end

-- A capitalised word that is no name on its own ("However", "Tuesday").
-- All-capital words are acronyms ("US", "IT"), never function words.
local notnames, notnames_old, nnot = {}, {}, 0
function M.notname(w)
    local r = notnames[w]
    if r == nil then
        r = notnames_old[w]
        if r == nil then
            if w == "A" then r = true       -- the article, never an acronym
            elseif not w:find("%l") and #w < 3 then r = false
            else r = M.NOTNAMES:lookup(w) ~= nil end
        end
        if nnot >= LIMIT then notnames, notnames_old, nnot = {}, notnames, 0 end
        notnames[w] = r
        nnot = nnot + 1
    end
    return r
end

local firsts, firsts_old, nfirst = {}, {}, 0
function M.firstname(w)
    local r = firsts[w]
    if r == nil then
        r = firsts_old[w]
        if r == nil then r = M.FIRST:lookup(w) ~= nil end
        if nfirst >= LIMIT then firsts, firsts_old, nfirst = {}, firsts, 0 end
        firsts[w] = r
        nfirst = nfirst + 1
    end
    return r
end

return M
