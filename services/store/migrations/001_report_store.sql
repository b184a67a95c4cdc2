-- The report store: boards, reports and everything in them. Amounts are exact
-- numerics in one canonical unit (tkr); each table keeps its own unit for display.

create table board (
  id text primary key,
  name text not null,
  short_name text not null,
  aliases text[] not null default '{}',
  description text
);

create table report (
  id text primary key,
  board_id text not null references board (id),
  kind text not null,
  title text not null,
  year int not null,
  period_end date not null,
  unit text not null,
  source text not null,
  note text,
  origin text not null default 'data', -- data (data/ files) | import (workbook/CSV)
  content_hash text not null,
  document jsonb not null, -- the validated report file, for export and re-checking
  loaded_at timestamptz not null default now()
);
create index report_board on report (board_id, period_end desc);

create table report_table (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  kind text not null,
  title text not null,
  unit text not null,
  stated_unit text,
  sign text not null,
  decimals int not null,
  note text,
  primary key (report_id, key)
);

create table line (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  code text,
  name text not null,
  kind text not null,
  parent_key text,
  aliases text[] not null default '{}',
  description text,
  primary key (report_id, key)
);

create table amount (
  report_id text not null,
  table_key text not null,
  line_key text not null,
  column_key text not null,
  ordinal int not null, -- column position, to show a table as printed
  measure text not null,
  component text not null,
  period_from date,
  period_to date,
  value_tkr numeric, -- null when the cell is empty or missing
  missing text, -- the report's own marker for a missing value
  column_label text not null,
  row_label text,
  column_note text,
  primary key (report_id, table_key, line_key, column_key),
  foreign key (report_id, table_key) references report_table (report_id, key) on delete cascade,
  foreign key (report_id, line_key) references line (report_id, key) on delete cascade
);
create index amount_by_line on amount (report_id, line_key, measure);
create index amount_by_measure on amount (report_id, measure, period_to);

create table goal (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  area text,
  municipal_goal text,
  name text not null,
  aliases text[] not null default '{}',
  description text,
  assessment text, -- uppnås | delvis | ej | kan ej bedömas | null: no assessment made
  assessment_text text,
  text text,
  primary key (report_id, key)
);

create table indicator (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  kind text not null, -- volym | personal | nämndindikator | förvaltningsindikator
  name text not null,
  aliases text[] not null default '{}',
  unit text not null,
  area text,
  municipal_goal text,
  goal_key text,
  direction text,
  target text,
  target_value numeric,
  footnote text,
  source text,
  primary key (report_id, key)
);

create table indicator_value (
  report_id text not null,
  indicator_key text not null,
  ordinal int not null,
  at text not null, -- 'YYYY' or 'YYYY-MM'
  period_end date not null,
  label text,
  kind text not null, -- utfall | prognos | budget | plan
  grp text not null default '', -- '' = total; Män, Kvinnor, IFO, LSS …
  value numeric,
  missing text,
  text_value text,
  share_label text,
  share_percent numeric,
  note text,
  primary key (report_id, indicator_key, at, kind, grp),
  foreign key (report_id, indicator_key) references indicator (report_id, key) on delete cascade
);

create table assignment (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  number text,
  kind text not null,
  text text not null,
  status text, -- genomfört | pågår | kvarstår | null
  comment text,
  primary key (report_id, key)
);

create table passage (
  report_id text not null references report (id) on delete cascade,
  key text not null,
  ordinal int not null,
  section text not null,
  heading text,
  line_keys text[] not null default '{}',
  indicator_keys text[] not null default '{}',
  text text not null,
  primary key (report_id, key)
);

create table discrepancy (
  report_id text not null references report (id) on delete cascade,
  check_kind text not null,
  table_key text not null,
  row_key text not null,
  column_key text not null,
  note text not null,
  primary key (report_id, check_kind, table_key, row_key, column_key)
);

-- bumped whenever report content changes, so every instance can refresh its catalogue
create table store_version (
  id int primary key default 1 check (id = 1),
  version bigint not null default 0,
  changed_at timestamptz not null default now()
);
insert into store_version (id, version) values (1, 0);
