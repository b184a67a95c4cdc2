# syntax=docker/dockerfile:1
# Rapportboten for Azure App Service (Linux, custom container) or any container
# host: compiled in a build stage, run with production dependencies only, as
# the image's unprivileged "node" user. docs/teams-and-deploy.md explains it.
#
#   docker build -t rapportboten .
#   docker run -p 3978:3978 -v rapportboten-data:/data --env-file bot.env rapportboten

ARG NODE_IMAGE=node:20-bookworm-slim

# --- compile TypeScript (needs the dev dependencies) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY services ./services
COPY scripts ./scripts
RUN npm run build

# --- production dependencies only ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the running bot ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    PGLITE_DIR=/data/pglite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# read at run time from the project root (services/paths.ts finds it by package.json)
COPY package.json ./
COPY cards ./cards
COPY data ./data
COPY services/store/migrations ./services/store/migrations
# the embedded store's files; with DATABASE_URL set nothing is written here
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly, not npm: SIGTERM reaches the bot, which closes the store cleanly
CMD ["node", "dist/bot/main.js"]
