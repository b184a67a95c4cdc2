-- Proactive messages (deviation alerts, collection prompts, reminders) go
-- through a durable outbox: one row per (message, recipient) with a unique
-- key, claimed with row locks so several instances never send a row twice.
create table outbox (
  id bigserial primary key,
  dedupe_key text not null unique,
  purpose text not null, -- avvikelse | insamling | påminnelse | …
  conversation_id text not null, -- where it goes (updated when a 1:1 is re-created)
  target jsonb not null, -- serviceUrl, conversation type, tenant, user (to re-create a 1:1)
  activity jsonb not null, -- the message: text and attachments
  status text not null default 'pending', -- pending | sending | delivered | failed | blocked | gone
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  last_status int,
  last_error text,
  activity_id text, -- the id Teams gave the message, to update it in place
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where status in ('pending', 'sending');
create index outbox_purpose on outbox (purpose, created_at desc);

-- A token bucket shared by every instance: the platform's limit is per app, not per process.
create table rate_bucket (
  key text primary key,
  tokens double precision not null,
  updated_at timestamptz not null default clock_timestamp()
);

-- Scheduled work (digests, reminders): claimed atomically, so it runs once whichever instance sees it first.
create table scheduled_job (
  key text primary key,
  kind text not null, -- which handler runs it
  payload jsonb not null default '{}',
  cron text, -- recurring (Europe/Stockholm unless timezone says otherwise); null = one-off
  timezone text not null default 'Europe/Stockholm',
  next_run_at timestamptz, -- null = done (one-off) or paused
  last_run_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index scheduled_job_due on scheduled_job (next_run_at) where next_run_at is not null;

-- Per-conversation pacing shared by every instance: the next free send slot of each conversation.
create table conversation_pace (
  conversation_id text primary key,
  next_at timestamptz not null
);
