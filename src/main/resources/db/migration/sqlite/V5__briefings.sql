-- 5: morning briefings: a chat's time of day (minutes after midnight, null when off), its time zone, and the local
--    day of the last briefing sent (never two a day, whichever instance sends it)
CREATE TABLE briefings (
  chat_id INTEGER PRIMARY KEY,
  minute INTEGER,
  zone TEXT NOT NULL,
  last_day TEXT);
