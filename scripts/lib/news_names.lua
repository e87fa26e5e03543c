-- news_names.lua: what a candidate name found by the actors stage names
-- (Lua layer): its words, split at "and", "of" and possessives, stripped of
-- openers and titles, and given a kind from the word lists or its shape.
-- Worked out once per distinct text and cached for the whole run.
local L = require("news_lex")

local byte, find, sub = string.byte, string.find, string.sub

local M = {}

local PLACE = { city = true, state = true, region = true }
M.PLACE = PLACE

-- Openers that begin many names ("New Zealand", "All Blacks", "St. Louis"):
-- kept when a name follows them, dropped only when alone.
local NAMEADJ = {}
for w in ([[New Old First All St. Mt. Ft. Western Eastern Northern Southern]]):gmatch("%S+") do
    NAMEADJ[w], NAMEADJ[w:upper()] = true, true
end
-- Heads of an organisation's name that stand for it alone when written
-- with a capital inside a sentence: "the Commission", "the Party".
local INSTITUTION = {}
for w in ([[commission committee council government ministry parliament party army navy
    court cabinet assembly agency bureau department administration authority federation
    union league alliance front movement club united city rovers rangers albion athletic
    wanderers]]):gmatch("%a+") do INSTITUTION[w] = true end

-- A direction before a known place makes a place ("East Jerusalem").
local COMPASS = { north = true, south = true, east = true, west = true, northern = true,
                  southern = true, eastern = true, western = true, central = true,
                  upper = true, lower = true, greater = true, downtown = true,
                  ["north-east"] = true, ["north-west"] = true, ["south-east"] = true,
                  ["south-west"] = true, northeast = true, northwest = true,
                  southeast = true, southwest = true }

-- The words of a text, a trailing possessive split off as a word of its
-- own ("Moody's" -> "Moody", "'s"): {s, e, w} each (1-based, e past the
-- word), or with `plain` just the word strings (clustering wants no more).
local function words_of(text, plain)
    local out, n, p = {}, 0, 1
    -- U+00A0 (C2 A0) separates words too; two spaces keep the offsets
    local spaced = find(text, "\194\160", 1, true) and text:gsub("\194\160", "  ") or text
    while true do
        local s, e, w = find(spaced, "([^ \t]+)", p)
        if not s then break end
        p = e + 1
        local len = e - s + 1
        local x, y, z
        if len > 2 then x, y, z = byte(text, e - 2, e) end
        if z == 115 and (y == 39 or (len > 4 and y == 0x99 and x == 0x80)) then
            local q = y == 39 and 2 or 4
            local a, b = sub(w, 1, len - q), sub(w, len - q + 1)
            if plain then out[n + 1], out[n + 2] = a, b
            else
                out[n + 1] = { s = s, e = p - q, w = a }
                out[n + 2] = { s = p - q, e = p, w = b }
            end
            n = n + 2
        else
            n = n + 1
            out[n] = plain and w or { s = s, e = p, w = w }
        end
    end
    return out
end

local function is_allcaps(w)
    return not w:find("%l") and w:find("%u") ~= nil
end

local function kind_of(w)
    local e = L.lookup_name(w)
    return e and e.kind
end

local function is_possessive(w) return w == "'s" or w == "’s" end

-- The text of words i..j of a candidate.
local function span_text(text, ws, i, j) return text:sub(ws[i].s, ws[j].e - 1) end

-- The longest listed name (up to three words) starting at word i, or nil.
local function known_at(text, ws, i, j)
    for n = math.min(3, j - i + 1), 1, -1 do
        local e = L.lookup_name(span_text(text, ws, i, i + n - 1))
        if e and e.kind ~= "demonym" and e.kind ~= "title" and e.kind ~= "orghead" and
           e.kind ~= "event" and e.kind ~= "placehead" then
            return i + n - 1, e.kind
        end
    end
    return nil
end

local function item(ws, i, j, kind, title, weak, text)
    return { ds = ws[i].s - 1, de = ws[j].e - 1, kind = kind, title = title, weak = weak,
             name = text:sub(ws[i].s, ws[j].e - 1) }
end

-- A title of one to three words at word k: its last word, or nil.
local function title_at(text, ws, k, j)
    for n = math.min(3, j - k + 1), 1, -1 do
        local e = L.lookup_name(span_text(text, ws, k, k + n - 1))
        if e and e.kind == "title" then return k + n - 1, span_text(text, ws, k, k + n - 1) end
    end
    return nil
end

local part

-- Words i..j without joining words: what they name, as a list of items
-- (offsets relative to the candidate); { pend = ... } for a single unknown
-- word whose fate depends on where it stands (decided by the caller).
local function core(text, ws, i, j, out)
    local lastk = kind_of(ws[j].w)
    local orgname = j > i and lastk == "orghead"
    -- strip openers ("The", "However", "Tuesday"), titles and demonyms
    local title
    while i <= j do
        local w = ws[i].w
        local two = i < j and (w .. " " .. ws[i + 1].w) or nil
        local t3 = i + 1 < j and (two .. " " .. ws[i + 2].w) or nil
        local e3 = t3 and L.lookup_name(t3)
        local e2 = two and L.lookup_name(two)
        local e1 = L.lookup_name(w)
        if i < j and NAMEADJ[w] then break
        elseif orgname and ((e1 and e1.kind == "title") or (e2 and e2.kind == "title")) then break
        elseif e3 and e3.kind == "title" then title = t3; i = i + 3
        elseif e2 and e2.kind == "title" then title = two; i = i + 2
        elseif e1 and e1.kind == "title" then title = w; i = i + 1
        elseif orgname and ((e1 and e1.kind == "demonym") or (e2 and e2.kind == "demonym")) then
            break                       -- "Palestinian Authority"
        elseif e2 and e2.kind == "demonym" and i + 1 < j then i = i + 2
        elseif e1 and e1.kind == "demonym" and i < j then i = i + 1
        elseif L.notname(w) then i = i + 1
        else break end
    end
    while j >= i and (L.notname(ws[j].w) or (j > i and #ws[j].w == 1)) do
        j = j - 1                       -- and "Japan W": a column letter
    end
    -- "Secretary of State" and the like leave "of State": drop a leading particle
    while i <= j and ws[i].w:match("^%l") do i = i + 1 end
    if i > j then return out end
    local name = span_text(text, ws, i, j)
    local n = j - i + 1
    local entry = L.lookup_name(name)
    if entry and (entry.kind == "demonym" or entry.kind == "event") then return out end
    if entry and entry.kind ~= "title" and (entry.kind ~= "orghead" or n > 1) then
        out[#out + 1] = item(ws, i, j, entry.kind == "orghead" and "organisation" or entry.kind,
                             title, nil, text)
        return out
    end
    if title then
        out[#out + 1] = item(ws, i, j, "person", title, nil, text)
        return out
    end
    -- all-capital headlines: keep only what the lists know
    local caps = n > 1
    for k = i, j do
        if not caps then break end
        caps = is_allcaps(ws[k].w)
    end
    if caps then
        local k, n0 = i, #out
        while k <= j do
            local e, kind = known_at(text, ws, k, j)
            if e then
                out[#out + 1] = item(ws, k, e, kind, nil, nil, text)
                k = e + 1
            else
                k = k + 1
            end
        end
        -- nothing known: a team in a table or a dateline, or nothing
        if #out == n0 then out[#out + 1] = item(ws, i, j, "caps", nil, nil, text) end
        return out
    end
    if n > 2 then
        -- a title inside: "U.S. President Bill Clinton", "EU Farm Commissioner
        -- Franz Fischler": what comes before it is kept when a list knows it
        for k = i + 1, j - 1 do
            local te, t = title_at(text, ws, k, j - 1)
            if te then
                local e, kind = known_at(text, ws, i, k - 1)
                if e then out[#out + 1] = item(ws, i, e, kind, nil, nil, text) end
                out[#out + 1] = item(ws, te + 1, j, "person", t, nil, text)
                return out
            end
        end
    end
    local last = kind_of(ws[j].w)
    if last == "event" then return out end
    local first = kind_of(ws[i].w)
    local pe, pk = nil, nil             -- a listed place the name starts with
    if n > 1 then pe, pk = known_at(text, ws, i, j - 1) end
    if not (PLACE[pk] or pk == "country") or L.firstname(ws[i].w) then pe = nil end
    local kind, weak
    if n > 1 and last == "orghead" then
        kind = "organisation"
    elseif n > 1 and COMPASS[ws[i].w:lower()] and known_at(text, ws, i + 1, j) == j then
        kind = "region"
    elseif pe and last ~= "placehead" and not L.firstname(ws[pe + 1].w) then
        kind = "organisation"           -- "Chicago White Sox", "U.S. Treasury"
    elseif n > 1 and (last == "placehead" or first == "placehead") then
        kind = "city"
    elseif n > 1 and (PLACE[last] or (n > 2 and PLACE[kind_of(span_text(text, ws, j - 1, j))]))
           and not L.firstname(ws[i].w) then
        kind = "organisation"           -- a club or firm named after its city
    elseif L.firstname(ws[i].w) and n > 1 then
        kind = "person"
    elseif n == 1 and is_allcaps(name) then
        if #name < 2 then return out end
        kind = #name > 5 and "caps" or "organisation"
    elseif n == 1 and (name:find("^%u%.$") or L.COLLECTIVES:lookup(name)) then
        return out                      -- an initial alone; "Police" (a collective)
    elseif n == 1 and name:find("-", 1, true) and L.notname(name:match("^[^-]+")) then
        return out                      -- "Jan-April"
    elseif n == 1 and INSTITUTION[name:lower()] and name:find("%l") then
        -- "the Commission": a name when capitalised inside a sentence too
        out[#out + 1] = { ds = ws[i].s - 1, de = ws[j].e - 1, name = name, pend = true,
                          kind = "organisation" }
        return out
    elseif n == 1 and last == "orghead" then
        return out                      -- "Trust" or "Energy" alone is no name
    elseif n == 1 then
        -- a capital at the start of a sentence proves nothing: keep the
        -- word only if it is capitalised elsewhere too (decided later)
        out[#out + 1] = { ds = ws[i].s - 1, de = ws[j].e - 1, name = name, pend = true }
        return out
    else
        for k = i, j - 1 do
            if ws[k + 1].w == "of" and kind_of(ws[k].w) == "orghead" then
                kind = "organisation"   -- "Bank of Kenya"
                break
            end
        end
        if not kind then kind, weak = "person", true end
    end
    out[#out + 1] = item(ws, i, j, kind, nil, weak, text)
    return out
end

-- Words i..j of a candidate, split at "and", a possessive and "of" unless
-- the whole is one organisation ("Securities and Exchange Commission",
-- "Moody's Investors Service"), or a person and a country ("Thomas Muster
-- of Austria").
function part(text, ws, i, j, out)
    for k = i + 1, j - 1 do
        local w = ws[k].w
        if w == "and" or is_possessive(w) then
            local lastk = kind_of(ws[j].w)
            local left = L.lookup_name(span_text(text, ws, i, k - 1))
            local keep = lastk == "orghead" and
                         not (left and left.kind ~= "title" and left.kind ~= "orghead") and
                         (k - 1 == i or kind_of(ws[k - 1].w) ~= "orghead") and
                         not (k - 1 == i and is_allcaps(ws[i].w)) and
                         not L.firstname(ws[i].w) and not title_at(text, ws, i, k - 1)
            if not keep and w == "and" and k + 1 <= j then
                -- "Ministry of Petroleum and Minerals"
                for m = i, k - 2 do
                    local p = ws[m + 1].w
                    if (p == "of" or p == "for") and kind_of(ws[m].w) == "orghead" then
                        keep = lastk ~= "orghead" and not title_at(text, ws, k + 1, j)
                        break
                    end
                end
            end
            if keep then
                while i < k - 1 and L.notname(ws[i].w) and not NAMEADJ[ws[i].w] do
                    i = i + 1
                end
                out[#out + 1] = item(ws, i, j, "organisation", nil, nil, text)
                return out
            end
            part(text, ws, i, k - 1, out)
            return part(text, ws, k + 1, j, out)
        end
    end
    for k = i + 1, j - 1 do
        if ws[k].w == "of" then
            local r = k + 1
            if ws[r].w == "the" then r = r + 1 end
            local right = r <= j and L.lookup_name(span_text(text, ws, r, j))
            local before = kind_of(ws[k - 1].w)
            if right and (right.kind == "country" or PLACE[right.kind]) and
               before ~= "orghead" and before ~= "placehead" and before ~= "title" and
               not L.lookup_name(span_text(text, ws, i, k - 1)) then
                core(text, ws, i, k - 1, out)
                out[#out + 1] = item(ws, r, j, right.kind, nil, nil, text)
                return out
            end
        end
    end
    return core(text, ws, i, j, out)
end

-- What a candidate name yields, worked out once per distinct text (names
-- recur across a corpus): a list of items with offsets relative to the
-- candidate.
local function plan(text)
    if #text == 1 then return nil end          -- an initial alone
    local whole = L.lookup_name(text)
    if whole and (whole.kind == "demonym" or whole.kind == "event") then return nil end
    if whole and whole.kind ~= "title" and whole.kind ~= "orghead" then
        return { { ds = 0, de = #text, kind = whole.kind, name = text } }
    end
    local ws = words_of(text)
    local out = part(text, ws, 1, #ws, {})
    if #out == 0 then return nil end
    return out
end

-- plan() memoised in two generations, as news_lex caches lookups (a plan
-- depends on the text only).
local plans, plans_old, nplans = {}, {}, 0
local function plan_of(text)
    local p = plans[text]
    if p == nil then
        p = plans_old[text]
        if p == nil then p = plan(text) or false end
        if nplans >= 10000 then plans, plans_old, nplans = {}, plans, 0 end
        plans[text] = p
        nplans = nplans + 1
    end
    return p
end

M.words_of = words_of
M.plan_of = plan_of

return M
