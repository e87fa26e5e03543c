-- actors: people, organisations, countries, places and collective actors, clustered into entities
--
-- Part of the news preset (see README.md in this folder); runs alone too.
require("news_actors").run(...)
