-- samename.lua (tests/lua/other): a different module with the same name.
return { where = "tests/lua/other" }
