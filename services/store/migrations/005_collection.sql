-- Indicator collection (insamling): who answers for which indicator, reporting
-- rounds, the values managers report with their history, and exports.

-- People named in the responsibility list, resolved to Teams identities through Graph.
create table collection_person (
  upn text primary key, -- e-mail/UPN as written in the list, lower case
  aad_object_id text,
  display_name text,
  state text not null default 'ny', -- ny | söker | klar | fel
  error text, -- why the person cannot be reached (state fel)
  claimed_until timestamptz, -- state söker: the lookup in progress
  conversation jsonb, -- a 1:1 the bot opened itself (a send target), when no install event recorded one
  updated_at timestamptz not null default now()
);
create index collection_person_aad on collection_person (aad_object_id);
create index collection_person_open on collection_person (state) where state <> 'klar';

-- Which person answers for which indicator of which board.
create table collection_responsibility (
  board_id text not null references board (id),
  item_key text not null, -- the indicator's key in the board's reports
  upn text not null references collection_person (upn),
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (board_id, item_key)
);
create index collection_responsibility_person on collection_responsibility (upn);

create table collection_round (
  id text primary key, -- son-2025-08
  board_id text not null references board (id),
  period text not null, -- YYYY-MM, the month the values are per
  kind text not null, -- the report kind the values are for (delårsrapport | verksamhetsberättelse)
  label text not null, -- "delår augusti 2025"
  deadline date not null,
  requires_approval boolean not null default false,
  status text not null default 'öppen', -- öppen | stängd (locked; awaiting approval when required) | godkänd
  controller jsonb not null, -- who started it and where to reach them (escalation)
  started_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by text,
  approved_at timestamptz,
  approved_by text,
  report_id text, -- the report the values were written to
  unique (board_id, period)
);
create index collection_round_open on collection_round (status) where status = 'öppen';

-- The items of a round, frozen at its start: who answers and what the card shows.
create table collection_item (
  round_id text not null references collection_round (id) on delete cascade,
  item_key text not null,
  ordinal int not null,
  manager_upn text not null,
  meta jsonb not null, -- name, unit, kind, målvärde, riktning, gender split, the last reported value
  primary key (round_id, item_key)
);
create index collection_item_manager on collection_item (round_id, manager_upn);

-- One card per manager and round; version counts changes (a card shows the version it was made from).
create table collection_prompt (
  round_id text not null references collection_round (id) on delete cascade,
  manager_upn text not null,
  delegate_upn text, -- the ersättare who gets the card instead
  version int not null default 0,
  snoozed_until timestamptz, -- "påminn mig i morgon"
  primary key (round_id, manager_upn)
);
create index collection_prompt_manager on collection_prompt (manager_upn);
create index collection_prompt_delegate on collection_prompt (delegate_upn) where delegate_upn is not null;

create table collection_value (
  round_id text not null,
  item_key text not null,
  value numeric,
  men numeric,
  women numeric,
  text_value text,
  not_applicable boolean not null default false,
  comment text,
  by_aad text,
  by_name text,
  via text not null, -- kort | chatt
  at timestamptz not null default now(),
  primary key (round_id, item_key),
  foreign key (round_id, item_key) references collection_item (round_id, item_key) on delete cascade
);

-- Every change of a value: who, when, how, old → new.
create table collection_audit (
  id bigserial primary key,
  round_id text not null,
  item_key text not null,
  by_aad text,
  by_name text,
  via text not null,
  at timestamptz not null default now(),
  old jsonb,
  new jsonb not null
);
create index collection_audit_item on collection_audit (round_id, item_key, id);

-- Export files, fetched through signed, expiring links.
create table collection_export (
  id text primary key,
  round_id text not null,
  format text not null, -- xlsx | csv
  filename text not null,
  content bytea not null,
  created_by text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- The key export links are signed with when none is configured: one for all instances.
create table collection_secret (
  id int primary key default 1 check (id = 1),
  secret text not null
);
