-- news_actors.lua: the actors stage of the news preset (Lua layer).
-- Tags named people, organisations, countries and places, collective
-- actors written as common nouns, and he/she; clusters mentions of one
-- actor into an `entity` with a canonical name.
local L = require("news_lex")

local byte = string.byte

local M = {}

-- One capitalised name word: "Foltyn", "O'Brien", "U.S.", "al-Maliki",
-- "Inzamam-ul-Haq"; an initial ("G. Thorpe") or an abbreviation ("St.
-- Louis") when a name follows. Words join across spaces and lower-case
-- particles ("Bank of England", "Nikolaus van der Pas"), "and" and a
-- possessive ("Moody's Investors Service"): plan() splits those again
-- unless the whole is one organisation.
local WORD = [[(?:(?:al|el|ad|ash|as|an|abu)-(?=\p{Lu}))?]] ..
    [[(?:(?:Gen|Col|Lt|Sgt|Capt|Maj|Dr|Mr|Mrs|Ms|Mme|Gov|Sen|Rep|Rev|Prof|Adm|Cmdr|Brig]] ..
    [[|Supt|Insp|Cpl|Pvt|St|Mt|Ft)\.(?=[ \t\x{A0}]\p{Lu})]] ..
    [[|\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}\.(?=[ \t\x{A0}]\p{Lu})]] ..
    [[|\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:&\p{Lu}+)?(?:['’]\p{Lu}\p{L}*)*]] ..
    [[(?:(?:-\p{Ll}+)*-\p{Lu}[\p{L}\p{M}]*)*)]]
local GLUE = [[(?:['’]s[ \t\x{A0}]+|[ \t\x{A0}]+(?:(?:of|for|of[ \t]the|de|du|da|di|del|della|dos]] ..
    [[|van|von|der|den|la|le|bin|ibn|al|y|&|and|['’]s)[ \t\x{A0}]+)?)]]
local NAME = gloss.regex([[(?<![\p{L}\p{N}'’.-])]] .. WORD .. "(?:" .. GLUE .. WORD .. ")*")

-- "Iran-backed", "US-led": a country acting through a hyphenated adjective.
local BACKED = { ["-backed"] = true, ["-led"] = true, ["-funded"] = true,
                 ["-allied"] = true, ["-aligned"] = true, ["-sponsored"] = true,
                 ["-supported"] = true, ["-brokered"] = true, ["-based"] = false }

-- Words around a name that tell its kind when no list knows it.
local PLACE_PREP = { ["in"] = true, ["at"] = true, ["from"] = true, ["near"] = true,
                     ["to"] = true, ["into"] = true, ["across"] = true, ["outside"] = true,
                     ["In"] = true, ["At"] = true, ["From"] = true, ["Near"] = true }
local STRONG_PREP = { ["in"] = true, ["near"] = true, ["In"] = true, ["Near"] = true }
-- Common nouns after a name that make it a place: "Stansted airport".
local PLACE_NOUN = {}
for w in ([[airport airfield highway tunnel province district region town village suburb
    valley river harbour harbor municipality county island]]):gmatch("%a+") do
    PLACE_NOUN[w] = true
end
local PLACE = { city = true, state = true, region = true }
local PRONOUN = gloss.regex([[(?<![\p{L}'’])(?:[Hh]e|[Ss]he)(?![\p{L}'’])]])

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
-- own ("Moody's" -> "Moody", "'s").
local function words_of(text)
    local out = {}
    for s, w, e in text:gmatch("()([^ \t\194\160]+)()") do
        -- U+00A0 is two bytes (C2 A0); a lone C2 or A0 never starts a word
        local n = #w
        if n > 2 and byte(w, n) == 115 and (byte(w, n - 1) == 39 or
           (n > 4 and byte(w, n - 1) == 0x99 and byte(w, n - 2) == 0x80)) then
            local q = byte(w, n - 1) == 39 and 2 or 4
            out[#out + 1] = { s = s, e = e - q, w = w:sub(1, n - q) }
            out[#out + 1] = { s = e - q, e = e, w = w:sub(n - q + 1) }
        else
            out[#out + 1] = { s = s, e = e, w = w }
        end
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

-- Whether the point at byte p (1-based) ends no sentence: a lower-case
-- word or a figure follows ("Corp. said", "Calif. 1996"). Before a comma
-- it stays out, as the claims stage cuts a subject there.
local function inner_point(text, p)
    local a, b = byte(text, p + 1, p + 2)
    if a ~= 32 then return false end
    return b ~= nil and b ~= 10 and b ~= 13 and not (b >= 65 and b <= 90)
end

-- Whether a name's last word is a listed abbreviation with its point
-- ("Corp.", "Calif."), so that a point after the name belongs to it: the
-- abbreviation's kind, or false.
local dots, ndots = {}, 0
local function dotted(name)
    local r = dots[name]
    if r == nil then
        local e = L.lookup_name((name:match("(%S+)$")) .. ".")
        r = e and e.kind or false
        if ndots >= 10000 then dots, ndots = {}, 0 end
        dots[name] = r
        ndots = ndots + 1
    end
    return r
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
    local caps = 0
    for k = i, j do if is_allcaps(ws[k].w) then caps = caps + 1 end end
    if caps == n and n > 1 then
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

local DIGIT = {}
for c = 48, 57 do DIGIT[c] = true end

-- A name at byte s (0-based) that starts a line of a table or follows a
-- score: "Tranmere 3 Grimsby 2", "Essex 532-8", "Leeds 1 ( Sharpe ) Wimbledon 0".
local function in_table(text, s)
    local c = byte(text, s)
    if s == 0 or c == 10 or c == 13 then return true end
    if c ~= 32 then return false end
    c = byte(text, s - 1)
    return DIGIT[c] or c == 41 or c == 58
end

-- Words that make a place before or after them a team: "Barcelona beat
-- Atletico Madrid", "lost to Leeds", "Leeds v Wimbledon".
local PLAYS = { beat = true, drew = true, defeated = true, thrashed = true, routed = true,
                edged = true, overcame = true, outclassed = true, v = true, vs = true,
                lost = true, with = true, to = true }

-- First bytes of the words in PLAYS: a word is cut out only when it may
-- be one of them.
local PLAYS_FIRST = {}
for w in pairs(PLAYS) do PLAYS_FIRST[byte(w)] = true end

-- The lower-case word just before byte p (1-based, exclusive) across
-- blanks, and where it starts; scanned by bytes, no pattern. word_after
-- is its mirror. Both give nil for a word that cannot be in PLAYS.

local function word_before(text, p)
    local k = p - 1
    while byte(text, k) == 32 do k = k - 1 end
    if byte(text, k) == 46 then k = k - 1 end      -- "vs."
    local z = k
    local c = byte(text, k)
    while c and c >= 97 and c <= 122 do k = k - 1; c = byte(text, k) end
    if z - k < 1 or z - k > 10 or not PLAYS_FIRST[byte(text, k + 1)] then return nil, k end
    return text:sub(k + 1, z), k
end

local function word_after(text, p)
    local k = p
    while byte(text, k) == 32 do k = k + 1 end
    local a = k
    if not PLAYS_FIRST[byte(text, a)] then return nil, k end
    local c = byte(text, k)
    while c and c >= 97 and c <= 122 do k = k + 1; c = byte(text, k) end
    if k - a < 1 or k - a > 10 then return nil, k end
    return text:sub(a, k - 1), k
end

-- Whether the name at bytes s..e (0-based, half-open) plays a match.
local function plays(text, s, e)
    if byte(text, e + 1) == 32 then
        local w, k = word_after(text, e + 1)
        if w and PLAYS[w] and w ~= "with" and w ~= "to" then
            if w ~= "lost" then return true end
            return word_after(text, k) == "to"
        end
    end
    if byte(text, s) ~= 32 then return false end
    local w, k = word_before(text, s + 1)
    if not w or not PLAYS[w] then return false end
    if w == "with" then return word_before(text, k + 1) == "drew" end
    if w == "to" then return word_before(text, k + 1) == "lost" end
    return w ~= "drew" and w ~= "lost"
end

-- Whether a name ending at byte e (0-based) is followed by a score or a
-- date: "Tranmere 3", "Essex 532-8", "BRUSSELS 1996-08-22".
local function scored(text, e)
    local a, b = byte(text, e + 1, e + 2)
    if a ~= 32 or not DIGIT[b] then return false end
    local k = e + 3
    while DIGIT[byte(text, k)] do k = k + 1 end
    local c = byte(text, k)
    return c == nil or c == 32 or c == 10 or c == 13 or c == 45  -- not "5,710.53"
end

-- Whether an unknown word starts a line of results: a score and then
-- another team or more figures ("Tranmere 3 Grimsby 2"), unlike
-- "Attendance 22000" or "Halftime 1-0".
local function result_line(text, e)
    local k = e + 2
    while DIGIT[byte(text, k)] do k = k + 1 end
    if byte(text, k) ~= 32 then return false end
    local c = byte(text, k + 1)
    return c ~= nil and (DIGIT[c] or (c >= 65 and c <= 90))
end

-- Whether a name at byte s follows "at": where a team plays is a place.
local function venue(text, s)
    local z, a, b, c = byte(text, s - 3, s)
    return c == 32 and (a == 97 or a == 65) and (b == 116 or b == 84) and
           (s < 3 or z == 32 or z == 10 or z == 13)
end

-- Whether a name at s..e starts a dateline: "BRUSSELS 1996-08-22".
local function dateline(text, s, e)
    local c = byte(text, s)
    return (s == 0 or c == 10 or c == 13) and text:find("^ %d%d%d%d%-%d%d?%-%d", e + 1) ~= nil
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
            for k = 1, #p do
                local r = p[k]
                local rs = s + r.ds
                local dk = r.pend and byte(text, s + r.de + 1) == 46 and
                           inner_point(text, s + r.de + 1) and dotted(r.name)
                if dk then
                    -- "Calif.": a listed abbreviation, whatever its place
                    local name = r.name .. "."
                    counts[name] = (counts[name] or 0) + 1
                    out[#out + 1] = { s = rs, e = s + r.de + 1, name = name,
                                      kind = dk == "orghead" and "organisation" or dk }
                elseif r.pend then
                    if not sstart then
                        sstart = {}
                        for sent in doc:sentences() do sstart[(sent:range())] = true end
                    end
                    if sstart[rs] and not (scored(text, s + r.de) and
                                           result_line(text, s + r.de)) then
                        pending[#pending + 1] = { s = rs, e = s + r.de, name = r.name,
                                                  kind = r.kind }
                    else
                        counts[r.name] = (counts[r.name] or 0) + 1
                        out[#out + 1] = { s = rs, e = s + r.de, kind = r.kind or "unknown",
                                          name = r.name }
                    end
                else
                    local re, name = s + r.de, r.name
                    if byte(text, re + 1) == 46 and inner_point(text, re + 1) and dotted(name) then
                        re = re + 1
                        name = name .. "."
                    end
                    counts[name] = (counts[name] or 0) + 1
                    out[#out + 1] = { s = rs, e = re, kind = r.kind, title = r.title,
                                      name = name, weak = r.weak }
                end
            end
        end
        -- "Iran-backed": the country acts
        if text:byte(e + 1) == 45 then
            local suffix = text:match("^%-%a+", e + 1)
            if suffix and BACKED[suffix:lower()] then
                local cs, entry = s, L.lookup_name(t)
                if not entry then
                    -- "The Iranian-backed" at a sentence start: the last word
                    local at, w = t:match("%s()(%S+)$")
                    if at then cs, entry = s + at - 1, L.lookup_name(w) end
                end
                if entry and (entry.kind == "country" or entry.kind == "demonym") then
                    out[#out + 1] = { s = cs, e = e, kind = "country", country = entry.country }
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
            late[#late + 1] = { s = p.s, e = p.e, kind = p.kind or "unknown", name = p.name }
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
    local teams, places, caps = nil, nil, false
    for _, m in ipairs(dedup) do
        m.name = m.name or text:sub(m.s + 1, m.e)
        local kind = m.kind
        if kind == "unknown" then
            local before = text:sub(math.max(1, m.s - 8), m.s):match("(%a+)%s+$")
            local c = byte(text, m.e + 2)
            local noun = c and c >= 97 and c <= 122 and byte(text, m.e + 1) == 32 and
                         PLACE_NOUN[text:match("^%l+", m.e + 2)]
            if (before and PLACE_PREP[before]) or noun then
                m.kind = "place"
                if noun or STRONG_PREP[before] then
                    places = places or {}
                    places[m.name] = true
                end
            else
                m.kind = "person"
            end
            m.guess = true
        end
        -- a city or an unknown word that plays: "Leeds 1 Wimbledon 0",
        -- "CHICAGO 69 59 .539"; a dateline "PARIS 1996-08-22" is a place
        local team = PLACE[kind] or kind == "unknown" or kind == "caps"
        if (team or m.weak) and scored(text, m.e) and in_table(text, m.s) then
            if dateline(text, m.s, m.e) then
                m.kind, m.guess, m.dateline = "city", nil, true
            elseif team or result_line(text, m.e) then
                teams = teams or {}
                teams[m.name] = true
            end
        elseif PLACE[kind] and plays(text, m.s, m.e) then
            teams = teams or {}
            teams[m.name] = true
        end
        if kind == "caps" then caps = true end
    end
    if not (teams or places or caps) then return dedup end
    local n = 0
    for _, m in ipairs(dedup) do
        if teams and teams[m.name] and not m.dateline and not venue(text, m.s) then
            m.kind, m.guess = "organisation", nil
        elseif places and m.guess and places[m.name] then
            m.kind = "place"            -- "in Doboj" tells of every "Doboj"
        end
        if m.kind ~= "caps" then n = n + 1; dedup[n] = m end
    end
    for k = #dedup, n + 1, -1 do dedup[k] = nil end
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

-- The name a country's entity takes: the lists' `name=` for another
-- name of it ("USA" -> United States), else the name as written.
local function country_name(name)
    local e = L.lookup_name(name)
    return e and e.kind == "country" and (e.name or name) or nil
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
        -- a country goes by its lists' name: "USA", "America" and "US"
        -- are the United States, and "Iranian-backed" is Iran acting
        if m.kind == "country" and not nominal then
            m.canon = m.country or country_name(m.name)
            if m.canon then key = m.canon:lower() end
        end
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
                                   { name = c.canon or c.name,
                                     kind = PLACE[c.kind] and "place" or c.kind })
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
