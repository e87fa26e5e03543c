-- grow a table of strings until the heap cap
local doc = ...
local t = {}
for i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end
