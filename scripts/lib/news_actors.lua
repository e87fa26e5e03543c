-- news_actors.lua: the actors stage of the news preset (Lua layer).
-- Tags named people, organisations, countries and places, collective
-- actors written as common nouns, and he/she; clusters mentions of one
-- actor into an `entity` with a canonical name.
local L = require("news_lex")

local byte = string.byte

local M = {}

-- One capitalised name word: "Foltyn", "O'Brien", "U.S.", "al-Maliki",
-- "Abu-Bakr"; a possessive 's stays outside. Words join across spaces
-- and lower-case particles ("Bank of England", "Nikolaus van der Pas").
local WORD = [[(?:(?:al|el|ad|ash|as|an|abu)-(?=\p{Lu}))?]] ..
    [[(?:(?:Gen|Col|Lt|Sgt|Capt|Maj|Dr|Mr|Mrs|Ms|Mme|Gov|Sen|Rep|Rev|Prof|Adm|Cmdr|Brig]] ..
    [[|Supt|Insp|Cpl|Pvt)\.(?=[ \t\x{A0}]\p{Lu})]] ..
    [[|\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:['’]\p{Lu}\p{L}*)*]] ..
    [[(?:-\p{Lu}[\p{L}\p{M}]*)*|\p{Lu}\.(?=[ \t\x{A0}]\p{Lu}))]]
local GLUE = [[[ \t\x{A0}]+(?:(?:of|for|of[ \t]the|de|du|da|di|del|della|dos|van|von|der|den]] ..
    [[|la|le|bin|ibn|al|y|&)[ \t\x{A0}]+)?]]
local NAME = gloss.regex([[(?<![\p{L}\p{N}'’.-])]] .. WORD .. "(?:" .. GLUE .. WORD .. ")*")

-- "Iran-backed", "US-led": a country acting through a hyphenated adjective.
local BACKED = { ["-backed"] = true, ["-led"] = true, ["-funded"] = true,
                 ["-allied"] = true, ["-aligned"] = true, ["-sponsored"] = true,
                 ["-supported"] = true, ["-brokered"] = true, ["-based"] = false }

-- Words around a name that tell its kind when no list knows it.
local PLACE_PREP = { ["in"] = true, ["at"] = true, ["from"] = true, ["near"] = true,
                     ["to"] = true, ["into"] = true, ["across"] = true, ["outside"] = true }
local PLACE = { city = true, state = true, region = true }
local PRONOUN = gloss.regex([[(?<![\p{L}'’])(?:[Hh]e|[Ss]he)(?![\p{L}'’])]])

local function words_of(text)
    local out = {}
    for s, w, e in text:gmatch("()([^ \t\194\160]+)()") do
        -- U+00A0 is two bytes (C2 A0); a lone C2 or A0 never starts a word
        out[#out + 1] = { s = s, e = e, w = w }
    end
    return out
end

-- The initials of a multi-word name ("Popular Mobilization Forces" -> PMF).
local function initials(ws, i, j)
    if j - i < 1 then return nil end
    local t = {}
    for k = i, j do
        local c = ws[k].w:sub(1, 1)
        if c:match("%u") then t[#t + 1] = c end
    end
    if #t < 2 then return nil end
    return table.concat(t)
end

local function is_allcaps(w)
    return not w:find("%l") and w:find("%u") ~= nil
end

-- What a candidate name yields, worked out once per distinct text (names
-- recur across a corpus): a list of mentions with offsets relative to the
-- candidate, and `pend` for a single unknown word whose fate depends on
-- where it stands (a sentence start) -- decided by the caller.
local function plan(text)
    local ws = words_of(text)
    local i, j = 1, #ws
    local whole = L.lookup_name(text)
    if whole and (whole.kind == "demonym" or whole.kind == "event") then return nil end
    if #text == 1 then return nil end          -- an initial alone
    if whole and whole.kind ~= "title" and whole.kind ~= "orghead" then
        return { { ds = 0, de = #text, kind = whole.kind } }
    end
    -- strip openers ("The", "However", "Tuesday"), titles and demonyms
    local title
    while i <= j do
        local w = ws[i].w
        local two = i < j and (w .. " " .. ws[i + 1].w) or nil
        local t3 = i + 1 < j and (two .. " " .. ws[i + 2].w) or nil
        local e3 = t3 and L.lookup_name(t3)
        local e2 = two and L.lookup_name(two)
        local e1 = L.lookup_name(w)
        if e3 and e3.kind == "title" then title = t3; i = i + 3
        elseif e2 and e2.kind == "title" then title = two; i = i + 2
        elseif e1 and e1.kind == "title" then title = w; i = i + 1
        elseif e2 and e2.kind == "demonym" and i + 1 < j then i = i + 2
        elseif e1 and e1.kind == "demonym" and i < j then i = i + 1
        elseif L.notname(w) then i = i + 1
        else break end
    end
    while j >= i and L.notname(ws[j].w) do j = j - 1 end
    if i > j then return nil end
    -- "Secretary of State" and the like leave "of State": drop a leading particle
    while i <= j and ws[i].w:match("^%l") do i = i + 1 end
    if i > j then return nil end
    local ds, de = ws[i].s - 1, ws[j].e - 1
    local name = text:sub(ws[i].s, ws[j].e - 1)
    local n = j - i + 1
    local entry = (i > 1 or j < #ws) and L.lookup_name(name) or nil
    if entry and (entry.kind == "demonym" or entry.kind == "event") then return nil end
    local kind
    if entry and entry.kind ~= "title" then
        kind = entry.kind
    elseif title then
        kind = "person"
    else
        -- all-capital headlines: keep only what the lists know
        local caps = 0
        for k = i, j do if is_allcaps(ws[k].w) then caps = caps + 1 end end
        if caps == n and n > 1 then
            local out = {}
            for k = i, j do
                local e1 = L.lookup_name(ws[k].w)
                if e1 and e1.kind ~= "demonym" and e1.kind ~= "title" and e1.kind ~= "orghead"
                   and e1.kind ~= "event" then
                    out[#out + 1] = { ds = ws[k].s - 1, de = ws[k].e - 1, kind = e1.kind }
                end
            end
            return out
        end
        local last = L.lookup_name(ws[j].w)
        if last and last.kind == "event" then return nil end
        local first = L.lookup_name(ws[i].w)
        if n > 1 and last and last.kind == "orghead" then
            kind = "organisation"
        elseif n > 1 and ((last and last.kind == "placehead") or
                          (first and first.kind == "placehead")) then
            kind = "city"
        elseif L.firstname(ws[i].w) and n > 1 then
            kind = "person"
        elseif n == 1 and is_allcaps(name) then
            if #name > 5 or #name < 2 then return nil end
            kind = "organisation"
        elseif n == 1 and last and last.kind == "orghead" then
            return nil                  -- "Ministry" alone is not a name
        elseif n == 1 then
            -- a capital at the start of a sentence proves nothing: keep the
            -- word only if it is capitalised elsewhere too (decided later)
            return { pend = { ds = ds, de = de, name = name } }
        else
            kind = "person"
        end
    end
    return { { ds = ds, de = de, kind = kind, title = title, name = name } }
end

-- plan() memoised; the cache is dropped when it grows big, to keep memory
-- flat over any corpus (a plan depends on the text only).
local plans, nplans = {}, 0
local function plan_of(text)
    local p = plans[text]
    if p == nil then
        p = plan(text) or false
        if nplans >= 10000 then plans, nplans = {}, 0 end
        plans[text] = p
        nplans = nplans + 1
    end
    return p
end

-- Find the named mentions: returns a list sorted by position.
local function names(doc, text)
    local sstart                -- sentence starts, built on first need
    local out, counts, pending = {}, {}, {}
    for m in NAME:gmatch(doc) do
        local s, e = m:range()
        local t = text:sub(s + 1, e)
        local p = plan_of(t)
        if p then
            local pend = p.pend
            if pend then
                local ps = s + pend.ds
                if not sstart then
                    sstart = {}
                    for sent in doc:sentences() do sstart[(sent:range())] = true end
                end
                if sstart[ps] then
                    pending[#pending + 1] = { s = ps, e = s + pend.de, name = pend.name }
                else
                    counts[pend.name] = (counts[pend.name] or 0) + 1
                    out[#out + 1] = { s = ps, e = s + pend.de, kind = "unknown", name = pend.name }
                end
            else
                for k = 1, #p do
                    local r = p[k]
                    if r.name then counts[r.name] = (counts[r.name] or 0) + 1 end
                    out[#out + 1] = { s = s + r.ds, e = s + r.de, kind = r.kind, title = r.title,
                                      name = r.name }
                end
            end
        end
        -- "Iran-backed": the country acts
        if text:byte(e + 1) == 45 then
            local suffix = text:match("^%-%a+", e + 1)
            if suffix and BACKED[suffix:lower()] then
                local entry = L.lookup_name(t)
                if entry and (entry.kind == "country" or entry.kind == "demonym") then
                    out[#out + 1] = { s = s, e = e, kind = "country", country = entry.country }
                end
            end
        end
    end
    -- by start: mostly in order already, so an insertion sort. Entries
    -- with the same start are the same mention twice (a country both
    -- known and "-backed"), so the order among them does not matter.
    for k = 2, #out do
        local m = out[k]
        local s = m.s
        if s < out[k - 1].s then
            local j = k - 1
            while j >= 1 and out[j].s > s do out[j + 1] = out[j]; j = j - 1 end
            out[j + 1] = m
        end
    end
    -- the pending words that proved to be names, merged in (they come in
    -- order, and never at the start of another entry)
    local late = {}
    for _, p in ipairs(pending) do
        if counts[p.name] then
            late[#late + 1] = { s = p.s, e = p.e, kind = "unknown", name = p.name }
        end
    end
    if #late > 0 then
        local all, i, j = {}, 1, 1
        while i <= #out and j <= #late do
            if late[j].s < out[i].s then all[#all + 1] = late[j]; j = j + 1
            else all[#all + 1] = out[i]; i = i + 1 end
        end
        for k = i, #out do all[#all + 1] = out[k] end
        for k = j, #late do all[#all + 1] = late[k] end
        out = all
    end
    -- drop duplicates (a known name inside a candidate may come twice)
    local dedup, last_e = {}, -1
    for _, m in ipairs(out) do
        if m.s >= last_e then dedup[#dedup + 1] = m; last_e = m.e end
    end
    -- settle unknown single words: a surname of a known person, a place
    -- after "in", else a person when a cue follows, else an organisation
    for _, m in ipairs(dedup) do
        m.name = m.name or text:sub(m.s + 1, m.e)
        if m.kind == "unknown" then
            local before = text:sub(math.max(1, m.s - 8), m.s):match("(%a+)%s+$")
            if before and PLACE_PREP[before] then m.kind = "place" else m.kind = "person" end
            m.guess = true
        end
    end
    return dedup
end

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
                local one = not two and L.lookup_name(mod:match("(%S+)$") or "")
                local hit = two or one
                if hit and (hit.kind == "demonym" or hit.kind == "country") then
                    local m = two and mod or mod:match("(%S+)$")
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

-- Union-find over mentions.
local function find(p, i)
    while p[i] ~= i do p[i] = p[p[i]]; i = p[i] end
    return i
end

-- What clustering needs of a name, worked out once per distinct name:
-- its matching key, its words and its initials.
local infos, ninfos = {}, 0
local function info_of(name)
    local inf = infos[name]
    if not inf then
        local key = name:lower():gsub("^the ", ""):gsub("[’']s$", "")
        local ws = words_of(name)
        local words = {}
        for k = 1, #ws do words[k] = ws[k].w end
        inf = { key = key, gkey = "g:" .. key, words = words, ini = initials(ws, 1, #ws) }
        if ninfos >= 10000 then infos, ninfos = {}, 0 end
        infos[name] = inf
        ninfos = ninfos + 1
    end
    return inf
end

local function cluster(text, ms)
    local parent = {}
    for i = 1, #ms do parent[i] = i end
    local function union(a, b) parent[find(parent, a)] = find(parent, b) end
    -- word -> the latest multi-word person holding it
    local by_key, by_word, alias = {}, {}, {}
    for i, m in ipairs(ms) do
        local inf = info_of(m.name)
        local nominal = m.mention == "nominal"
        local key = nominal and inf.gkey or inf.key
        if by_key[key] then union(i, by_key[key]) else by_key[key] = i end
        local ws = inf.words
        if m.kind == "person" and not nominal then
            if #ws == 1 then
                -- a surname or first name of a person met before
                local p = by_word[ws[1]]
                if p then union(i, p) end
            else
                -- "Donald J. Trump" after "Donald Trump"
                local p = by_word[ws[#ws]]
                if p and p == by_word[ws[1]] then union(i, p) end
                for k = 1, #ws do by_word[ws[k]] = i end
            end
        end
        local ini = inf.ini
        if ini and not nominal then alias[ini] = alias[ini] or i end
    end
    -- acronyms: "PMF" joins "Popular Mobilization Forces"; a name in
    -- parentheses right after another is the same actor
    for i, m in ipairs(ms) do
        local a = alias[m.name]
        if a and a ~= i then union(i, a) end
        local nxt = ms[i + 1]
        if nxt and m.mention ~= "nominal" and nxt.mention ~= "nominal" then
            -- what lies between can only match when it ends in "(" or is
            -- short: look before cutting a possibly long substring
            local gap = nxt.s - m.e
            if gap > 0 and (gap <= 16 or text:byte(nxt.s) == 40) then
                local between = text:sub(m.e + 1, nxt.s)
                if between:match("^%s*%($") and text:sub(nxt.e + 1, nxt.e + 1) == ")" then
                    union(i, i + 1)
                elseif between:match("^,? also known as $") or between:match("^,? known as $") then
                    union(i, i + 1)
                end
            end
        end
    end
    return parent
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

    -- a single unknown word that is no one's surname: more often a team,
    -- a company or a party than a person
    for i, m in ipairs(ms) do
        if m.guess and m.kind == "person" then
            local c = ms[best[root[i]]]
            if not c.name:find("%s") and not c.title then m.kind = "organisation" end
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

    local entity_id, actor_id = {}, {}
    for i, m in ipairs(ms) do
        -- one constructor: the table is sized once, never rehashed
        local place = PLACE[m.kind] and m.kind or nil
        local attrs = { kind = place and "place" or m.kind, mention = m.mention or "name",
                        place = place, title = m.title, country = m.country }
        actor_id[i] = doc:tag("actor", doc:span(m.s, m.e), attrs)
    end
    for i = 1, #ms do
        local r = root[i]
        if not entity_id[r] then
            local c = ms[best[r]]
            entity_id[r] = doc:tag("entity", doc:span(c.s, c.e),
                                   { name = c.name, kind = PLACE[c.kind] and "place" or c.kind })
        end
        doc:link(actor_id[i], "entity", entity_id[r])
    end
    for _, p in ipairs(pronouns) do
        local ref = ms[p.ref]
        local id = doc:tag("actor", doc:span(p.s, p.e), { kind = "person", mention = "pronoun" },
                           { antecedent = doc:span(ref.s, ref.e) })
        doc:link(id, "entity", entity_id[root[p.ref]])
    end
end

return M
