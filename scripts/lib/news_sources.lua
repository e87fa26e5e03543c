-- news_sources.lua: the sources stage of the news preset (Lua layer).
-- Links every source to the actor entity it names (making an actor for a
-- description such as "a senior official who asked not to be named"),
-- resolves he/she to the person meant, and tags credit lines
-- ("Source: Al Jazeera and news agencies").
local M = {}

local CREDIT = gloss.regex([[^(?:Sources?|Additional reporting by|Reporting by|Written by|Compiled by]] ..
                           [[|With reporting by|Editing by)\s*:?\s+(\S[^\n]*?)\s*$]], "m")
local PRONOUN = { he = true, she = true, him = true, her = true, i = true }

-- The entity an actor belongs to, or nil.
local function entity_of(actor)
    local e = actor:links("entity")[1]
    return e
end

-- The entity of a person named before position s (for he/she).
local function person_before(people, s)
    local lo, hi, best = 1, #people, nil
    while lo <= hi do
        local mid = (lo + hi) // 2
        if people[mid].s < s then best = mid; lo = mid + 1 else hi = mid - 1 end
    end
    return best and people[best].entity
end

-- The named people with their entities, by start (made on the first
-- pronoun that needs them; the actors this stage makes are never names).
local function people_of(doc)
    local people = {}
    for _, a in ipairs(doc:annotations("actor")) do
        if a:get("mention") == "name" and a:get("kind") == "person" then
            local ent = entity_of(a)
            if ent then people[#people + 1] = { s = (a:span():range()), entity = ent } end
        end
    end
    return people
end

-- Link a source (an Annotation, its span) to the entity of the actors
-- found inside it.
local function link_source(doc, src, span, found, lists)
    -- the head of "Al Jazeera’s Simona Foltyn" is the actor ending last
    -- (the longest of those: "US military" over "US"), else the last one;
    -- a single actor is picked either way, so its range is never read
    local ann = found[#found]
    if #found > 1 then
        local ps, pe, pick
        for _, a in ipairs(found) do
            local s, e = a:span():range()
            if a:get("mention") ~= "pronoun" and
               (not pick or e > pe or (e == pe and s < ps)) then
                ps, pe, pick = s, e, a
            end
        end
        if pick then ann = pick end
    end
    local ent = ann and entity_of(ann)
    local text = src:text()
    local pronoun = PRONOUN[text:lower()]
    if not ent and pronoun then
        lists.people = lists.people or people_of(doc)
        ent = person_before(lists.people, (span:range()))
    end
    if not ent and not pronoun then
        -- a description: it names an actor of its own
        local first = text:sub(1, 1)
        local kind = first:match("%u") and "person" or "group"
        local why = { source = span, note = "a source naming no known actor" }
        local a = doc:tag("actor", span, { kind = kind, mention = "nominal" }, why)
        ent = doc:tag("entity", span, { kind = kind, name = text }, why)
        doc:link(a, "entity", ent)
    end
    if ent then
        doc:link(src, "entity", ent)
    else
        doc:near_miss(span, "source '" .. text .. "' not linked to any actor: " ..
                      "no person named before it")
    end
end

-- The actors inside every source and credit line are found before this
-- stage tags anything: so none of the actors it makes is among them, and
-- the store sorts its annotations once for all the queries, not again
-- after every tag.
function M.run(doc)
    local lists = {}
    local srcs, spans, found = doc:annotations("source"), {}, {}
    for k, src in ipairs(srcs) do
        local span = src:span()
        spans[k] = span
        found[k] = doc:annotations{ type = "actor", within = span }
    end
    local credits = {}
    for _, who in CREDIT:gmatch(doc) do
        credits[#credits + 1] = { who = who,
                                  found = doc:annotations{ type = "actor", within = who } }
    end
    for k, src in ipairs(srcs) do
        link_source(doc, src, spans[k], found[k], lists)
    end
    for _, c in ipairs(credits) do
        local src = doc:annotation(doc:tag("source", c.who, { kind = "credit" }))
        link_source(doc, src, src:span(), c.found, lists)
    end
end

return M
