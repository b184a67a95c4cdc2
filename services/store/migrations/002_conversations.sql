-- Conversations the bot is in: the reference needed to write to them
-- proactively (alerts, collection prompts) and the last question, for follow-ups.
create table conversation (
  id text primary key,
  conversation_type text not null, -- personal | groupChat | channel
  tenant_id text,
  team_id text,
  user_aad_id text, -- personal chats: the user
  reference jsonb not null, -- botbuilder ConversationReference
  context jsonb, -- the last executed query and item, for follow-ups
  installed boolean not null default true,
  updated_at timestamptz not null default now()
);
create index conversation_user on conversation (user_aad_id) where user_aad_id is not null;

-- Activities already handled: a retried delivery of the same activity is not answered twice.
create table processed_activity (
  id text primary key,
  processed_at timestamptz not null default now()
);
create index processed_activity_age on processed_activity (processed_at);
