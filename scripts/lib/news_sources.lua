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

-- The actors lying inside a span, by start, leaving out those this stage
-- made (mine: their ids): one handle per actor of the span, not of the
-- article.
local function actors_within(doc, span, mine)
    local out = {}
    for _, a in ipairs(doc:annotations{ type = "actor", within = span }) do
        if not mine[a:id()] then
            local s, e = a:span():range()
            out[#out + 1] = { s = s, e = e, mention = a:get("mention"), ann = a }
        end
    end
    return out
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

local function link_source(doc, src, lists)
    local actors = actors_within(doc, src:span(), lists.mine)
    -- the head of "Al Jazeera’s Simona Foltyn" is the actor ending last
    -- (the longest of those: "US military" over "US")
    local pick
    for _, a in ipairs(actors) do
        if a.mention ~= "pronoun" and
           (not pick or a.e > pick.e or (a.e == pick.e and a.s < pick.s)) then
            pick = a
        end
    end
    if not pick then
        for _, a in ipairs(actors) do pick = a end
    end
    local ent = pick and entity_of(pick.ann)
    if not ent and PRONOUN[src:text():lower()] then
        lists.people = lists.people or people_of(doc)
        ent = person_before(lists.people, (src:span():range()))
    end
    if not ent and not PRONOUN[src:text():lower()] then
        -- a description: it names an actor of its own
        local first = src:text():sub(1, 1)
        local kind = first:match("%u") and "person" or "group"
        local why = { source = src:span(), note = "a source naming no known actor" }
        local a = doc:tag("actor", src:span(), { kind = kind, mention = "nominal" }, why)
        lists.mine[a] = true
        ent = doc:tag("entity", src:span(), { kind = kind, name = src:text() }, why)
        doc:link(a, "entity", ent)
    end
    if ent then
        doc:link(src, "entity", ent)
    else
        doc:near_miss(src:span(), "source '" .. src:text() .. "' not linked to any actor: " ..
                      "no person named before it")
    end
end

function M.run(doc)
    local lists = { mine = {} }
    for _, src in ipairs(doc:annotations("source")) do
        link_source(doc, src, lists)
    end
    for _, who in CREDIT:gmatch(doc) do
        local id = doc:tag("source", who, { kind = "credit" })
        link_source(doc, doc:annotation(id), lists)
    end
end

return M
