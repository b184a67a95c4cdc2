-- Where a report's text gives other figures for an indicator than its table
-- (Leanlink's share of full-time staff: 68,2 % in the table, 88 % in the text),
-- the answer shows both up front instead of in a footnote.
alter table indicator add column if not exists conflicting_text text;
