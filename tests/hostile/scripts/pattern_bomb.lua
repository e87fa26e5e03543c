-- a Lua pattern bomb: runs inside C, no hook fires; the watchdog kills it
local doc = ...
local s = ("a"):rep(40)
s:find(("a-"):rep(30) .. "b")
