-- 9: the sentences each turn showed the reader, so "tell me more" goes on with the story's next ones instead of
--    searching for "tell" (it had quoted "One man ... told the BBC" again, and "go on" a Haiti call that had "gone").
--    One sentence per line; turns from before show nothing.
ALTER TABLE conversation_turns ADD COLUMN shown TEXT NOT NULL DEFAULT '';
