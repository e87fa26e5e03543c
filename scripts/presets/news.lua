-- news: actors, claims and sources of a news article (actors + claims + sources)
--
-- The three parts run in order over one set of annotations, exactly as
-- `--preset actors --preset claims --preset sources` would.
local doc = ...
require("news_actors").run(doc)
require("news_claims").run(doc)
require("news_sources").run(doc)
