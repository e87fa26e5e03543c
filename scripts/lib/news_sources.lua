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

-- The actors lying inside [s, e), from the list sorted by start.
local function actors_within(actors, s, e)
    local lo, hi = 1, #actors + 1
    while lo < hi do
        local mid = (lo + hi) // 2
        if actors[mid].s >= s then hi = mid else lo = mid + 1 end
    end
    local out = {}
    for k = lo, #actors do
        local a = actors[k]
        if a.s >= e then break end
        if a.e <= e then out[#out + 1] = a end
    end
    return out
end

local function link_source(doc, src, people, all)
    local s, e = src:span():range()
    local actors = actors_within(all, s, e)
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
        ent = person_before(people, (src:span():range()))
    end
    if not ent and not PRONOUN[src:text():lower()] then
        -- a description: it names an actor of its own
        local first = src:text():sub(1, 1)
        local kind = first:match("%u") and "person" or "group"
        local why = { source = src:span(), note = "a source naming no known actor" }
        local a = doc:tag("actor", src:span(), { kind = kind, mention = "nominal" }, why)
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

-- The actors as found when the stage starts (sorted by start), and the
-- named people among them with their entities.
local function actor_lists(doc)
    local people, all = {}, {}
    for _, a in ipairs(doc:annotations("actor")) do
        local s, e = a:span():range()
        local mention = a:get("mention")
        all[#all + 1] = { s = s, e = e, mention = mention, ann = a }
        if mention == "name" and a:get("kind") == "person" then
            local ent = entity_of(a)
            if ent then people[#people + 1] = { s = s, entity = ent } end
        end
    end
    return people, all
end

function M.run(doc)
    -- built on the first source, before any actor is added here: articles
    -- run without claims mostly have none, and the lists cost a handle per
    -- actor
    local people, all
    for _, src in ipairs(doc:annotations("source")) do
        if not all then people, all = actor_lists(doc) end
        link_source(doc, src, people, all)
    end
    for _, who in CREDIT:gmatch(doc) do
        local id = doc:tag("source", who, { kind = "credit" })
        if not all then people, all = actor_lists(doc) end
        link_source(doc, doc:annotation(id), people, all)
    end
end

return M
