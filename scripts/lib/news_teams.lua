-- news_teams.lua: sports context for the actors stage (Lua layer): whether
-- a place name stands in a results table, before a score or next to
-- "beat"/"v", where it is a team, or in a dateline, where it is a place.
-- All scans look at bytes around a mention; offsets as news_mentions.lua.
local byte = string.byte

local M = {}

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

M.in_table, M.plays, M.scored = in_table, plays, scored
M.result_line, M.venue, M.dateline = result_line, venue, dateline

return M
