-- sources: link claim sources to actor entities; credit lines as sources
--
-- Part of the news preset (see README.md in this folder); runs after
-- `actors` and `claims`, whose annotations it reads.
require("news_sources").run(...)
