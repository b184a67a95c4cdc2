-- Deviation alerts (avvikelser): who subscribes where, what each subscription
-- was last alerted about, the figures of every report version seen (for "since
-- the previous forecast"), and every alert queued (the cards' drill-down data).

create table avvikelse_subscription (
  id bigserial primary key,
  conversation_id text not null, -- where alerts go; for a channel the channel itself, not a reply thread
  conversation_type text not null, -- personal | groupChat | channel
  team_id text,
  target jsonb not null, -- how to reach it (SendTarget), captured when subscribing
  board_id text not null,
  min_amount_tkr numeric, -- |avvikelse| at least this (tkr); null = no amount threshold
  min_percent numeric, -- |avvikelse| at least this share of the line's budget (%); null = no share threshold
  cron text, -- digest schedule (Europe/Stockholm); null = alerts only when figures change
  created_by text not null, -- AAD object id (or Teams id) of whoever subscribed or last changed it
  created_by_name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (conversation_id, board_id)
);

-- The report version each subscription last saw (alerted about, or was subscribed at):
-- a version is alerted once, whichever instance sees it and however often it restarts.
create table avvikelse_seen (
  subscription_id bigint not null references avvikelse_subscription (id) on delete cascade,
  report_id text not null,
  content_hash text not null,
  seen_at timestamptz not null default now(),
  primary key (subscription_id, report_id)
);

-- Deviation figures of each report version when first seen; a report is replaced
-- in place, so this is where the previous forecast is kept.
create table avvikelse_snapshot (
  report_id text not null,
  content_hash text not null,
  board_id text not null,
  kind text not null, -- delårsrapport | verksamhetsberättelse | …
  year int not null,
  period_end date not null,
  figures jsonb, -- null: the version has no driftsammandrag with avvikelse
  seen_at timestamptz not null default clock_timestamp(),
  primary key (report_id, content_hash)
);
create index avvikelse_snapshot_board on avvikelse_snapshot (board_id, year, period_end desc, seen_at desc);

-- One row per alert queued for one subscription; key = the outbox row's dedupe key.
create table avvikelse_alert (
  key text primary key,
  subscription_id bigint not null, -- kept after the subscription ends (status view)
  kind text not null, -- ändring | sammanfattning
  round text not null, -- the trigger it came from (a report version or a digest slot), for "status utskick"
  report_id text,
  content jsonb not null, -- what the cards show
  created_at timestamptz not null default now()
);
create index avvikelse_alert_recent on avvikelse_alert (created_at desc);
