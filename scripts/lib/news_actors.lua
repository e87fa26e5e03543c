-- news_actors.lua: the actors stage of the news preset (Lua layer).
-- Tags named people, organisations, countries and places, collective
-- actors written as common nouns, and he/she; clusters mentions of one
-- actor into an `entity` with a canonical name.
local L = require("news_lex")
local C = require("news_cluster")

local byte, find_, sub = string.byte, string.find, string.sub
local names = require("news_mentions").names
local find, info_of, cluster = C.find, C.info_of, C.cluster

local M = {}

local PLACE = require("news_names").PLACE
-- (the lookahead gives PCRE2 the first characters, so it skips ahead)
local PRONOUN = gloss.regex([[(?=[HhSs])(?<![\p{L}'’])(?:[Hh]e|[Ss]he)(?![\p{L}'’])]])

-- Byte classes of the modifier before a collective: A = [%a%.’'%-]
-- (the bytes of ’ one by one, as a Lua pattern set has them), B = [%a%.].
local ACH, BCH = { [46] = true, [39] = true, [45] = true, [0xE2] = true, [0x80] = true,
                   [0x99] = true }, { [46] = true }
for c = 65, 90 do ACH[c], BCH[c], ACH[c + 32], BCH[c + 32] = true, true, true, true end
local WS = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true }

-- The word or two before a collective starting at byte s: the same as
-- text:sub(max(1, s - 40), s):match("([%a%.’'%-]+ ?[%a%.]*)%s$"), found by
-- scanning back from s instead of trying every start of the window.
local function modifier(text, s)
    local lo = s - 40
    if lo < 1 then lo = 1 end
    if s < 1 or not WS[byte(text, s)] then return nil end
    local u = s - 1
    local q = u + 1                      -- the run of B ending at u: [q, u]
    while q > lo and BCH[byte(text, q - 1)] do q = q - 1 end
    local p
    if q - 2 >= lo and byte(text, q - 1) == 32 and ACH[byte(text, q - 2)] then
        p = q - 2                        -- "A+ B*": the leftmost start wins
    elseif u >= lo and ACH[byte(text, u)] then
        p = u                            -- "A+" alone
    else
        return nil
    end
    while p > lo and ACH[byte(text, p - 1)] do p = p - 1 end
    return text:sub(p, u)
end

-- mod:match("(%S+)$") for a modifier, which holds at most one space.
local function last_word(mod)
    local n = #mod
    if byte(mod, n) == 32 then return nil end
    local sp = find_(mod, " ", 1, true)
    return sp and sub(mod, sp + 1) or mod
end

-- Collective actors: "protesters", "Iraqi security forces", "the authorities".
local function collectives(doc, text, taken)
    local out = {}
    for sp, entry in L.COLLECTIVES:find(doc) do
        local s, e = sp:range()
        if not taken(s, e) then
            -- a demonym or country just before joins the actor
            local mod = modifier(text, s)
            local start, country = s, nil
            if mod then
                local two = L.lookup_name(mod)
                local last = not two and last_word(mod)
                local one = not two and L.lookup_name(last or "")
                local hit = two or one
                if hit and (hit.kind == "demonym" or hit.kind == "country") then
                    local m = two and mod or last
                    start = s - #m - 1
                    country = hit.country or (hit.kind == "country" and m) or nil
                end
            end
            if entry.weak ~= "1" or country then
                out[#out + 1] = { s = start, e = e, kind = "group", mention = "nominal",
                                  country = country, name = text:sub(start + 1, e) }
            end
        end
    end
    return out
end

-- Mention order: by start, the longer first.
local function before(a, b) return a.s < b.s or (a.s == b.s and a.e > b.e) end

-- The names (in order, apart) and the collectives as one list in mention
-- order: a merge when the collectives come in order, as they do.
local function merge(ns, cs)
    if #cs == 0 then return ns end
    for k = 2, #cs do
        if not before(cs[k - 1], cs[k]) then
            for _, c in ipairs(cs) do ns[#ns + 1] = c end
            table.sort(ns, before)
            return ns
        end
    end
    local out, i, j = {}, 1, 1
    while i <= #ns and j <= #cs do
        if before(cs[j], ns[i]) then out[#out + 1] = cs[j]; j = j + 1
        else out[#out + 1] = ns[i]; i = i + 1 end
    end
    for k = i, #ns do out[#out + 1] = ns[k] end
    for k = j, #cs do out[#out + 1] = cs[k] end
    return out
end

-- An actor's attributes. doc:tag copies them, so mentions without a
-- title or a country share one table per kind and mention type.
local PRONOUN_ATTRS = { kind = "person", mention = "pronoun" }
local shared_attrs = {}
local function attrs_of(m)
    local kind, mention = m.kind, m.mention or "name"
    local place = PLACE[kind] and kind or nil
    if m.title or m.country then
        return { kind = place and "place" or kind, mention = mention,
                 place = place, title = m.title, country = m.country }
    end
    local by = shared_attrs[kind]
    if not by then by = {}; shared_attrs[kind] = by end
    local a = by[mention]
    if not a then
        a = { kind = place and "place" or kind, mention = mention, place = place }
        by[mention] = a
    end
    return a
end

function M.run(doc)
    local text = doc:text()
    local ms = names(doc, text)
    -- byte ranges already covered by a name, to keep collectives off them
    local function taken(s, e)
        local lo, hi = 1, #ms
        while lo <= hi do
            local mid = (lo + hi) // 2
            local m = ms[mid]
            if m.e <= s then lo = mid + 1
            elseif m.s >= e then hi = mid - 1
            else return true end
        end
        return false
    end
    ms = merge(ms, collectives(doc, text, taken))
    local parent = cluster(text, ms)
    local root = {}
    for i = 1, #ms do root[i] = find(parent, i) end

    -- canonical name of each cluster: its longest mention
    local best = {}
    for i, m in ipairs(ms) do
        local r = root[i]
        local b = best[r]
        if not b or (#m.name > #ms[b].name and m.mention == ms[b].mention) then best[r] = i end
    end

    -- a single unknown word that is no one's surname (here or later in
    -- the article: "Croft" before "R. Croft"): more often a team, a
    -- company or a party than a person
    local surnames
    for i, m in ipairs(ms) do
        if m.guess then
            local c = ms[best[root[i]]]
            if not c.name:find("%s") and not c.title then
                if not surnames then
                    surnames = {}
                    for _, o in ipairs(ms) do
                        if o.kind == "person" and not o.guess and o.mention ~= "nominal" then
                            local ws = info_of(o.name).words
                            surnames[ws[#ws]] = true
                        end
                    end
                end
                if surnames[m.name] then m.kind = "person"
                elseif m.kind == "person" then m.kind = "organisation" end
            end
        end
    end

    -- he/she: the most recent person before it, within a few paragraphs;
    -- only people known by a full name or a title qualify
    local pronouns = {}
    local persons = {}
    for i, m in ipairs(ms) do
        local c = ms[best[root[i]]]
        if m.kind == "person" and m.mention ~= "nominal" and
           (c.title or m.title or c.name:find("%s")) then
            persons[#persons + 1] = i
        end
    end
    if #persons > 0 then
        local k = 0
        for p in PRONOUN:gmatch(doc) do
            local s, e = p:range()
            while k < #persons and ms[persons[k + 1]].s < s do k = k + 1 end
            if k > 0 and s - ms[persons[k]].e < 1500 then
                pronouns[#pronouns + 1] = { s = s, e = e, ref = persons[k] }
            end
        end
    end

    local entity_id, actor_id, spans = {}, {}, {}
    for i, m in ipairs(ms) do
        local sp = doc:span(m.s, m.e)
        spans[i] = sp
        actor_id[i] = doc:tag("actor", sp, attrs_of(m))
    end
    for i = 1, #ms do
        local r = root[i]
        if not entity_id[r] then
            local b = best[r]
            local c = ms[b]
            entity_id[r] = doc:tag("entity", spans[b],
                                   { name = c.canon or c.name,
                                     kind = PLACE[c.kind] and "place" or c.kind })
        end
        doc:link(actor_id[i], "entity", entity_id[r])
    end
    for _, p in ipairs(pronouns) do
        local id = doc:tag("actor", doc:span(p.s, p.e), PRONOUN_ATTRS,
                           { antecedent = spans[p.ref] })
        doc:link(id, "entity", entity_id[root[p.ref]])
    end
end

return M

