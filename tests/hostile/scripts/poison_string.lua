-- tries to change string methods for the scripts that run after it
local doc = ...
local mt = getmetatable("")
mt.__index.upper = function() return "pwned" end
mt.__index.find = function() return 1, 1 end
mt.__index = {}
mt.__metatable = "mine"
string.upper = function() return "pwned" end
string.format = nil
string.gsub = function() error("pwned") end
