# kabar's production image: the compiled bot (dist/) on Node 22, run as the unprivileged `node` user.
#
# There is no redis-server in this image. Point REDIS_URL at a Redis (docker-compose.yml runs one);
# the embedded redis-server that kabar starts when REDIS_URL is unset is for source checkouts only.
#
#   docker build -t kabar .
#   docker run --rm --init --env-file .env -e REDIS_URL=redis://redis-host:6379 kabar
#   docker run --rm --init --env-file .env -e REDIS_URL=... kabar feeds ...   # any other command

ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: all dependencies, compile src/ to dist/, then drop the dev dependencies ---------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc also emits the JSON data files that src/ imports (default topics, feeds, glossary) into dist/.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies and the compiled code, nothing else ------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json is needed at run time: its "type": "module" makes dist/*.js load as ES modules.
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# bin/kabar.js runs dist/cli.js when it exists, which it does here (src/ and tsx's loader are
# never used in the image; tsx stays in node_modules only because it is a runtime dependency of
# source checkouts).
COPY bin ./bin
# The code stays root-owned and read-only for the `node` user. data/ (KABAR_DATA_DIR) is its only
# writable directory: nothing is written there when REDIS_URL is set, and without REDIS_URL it lets
# start-up get as far as the clear "redis-server was not found ... set REDIS_URL" error.
RUN mkdir data && chown node:node data
USER node

# Without an init process Node is PID 1, and the kernel drops every signal PID 1 has no handler
# for. Run with --init (compose: `init: true`) so SIGTERM always stops kabar, in order once its
# handlers are installed. Health: set KABAR_HTTP_PORT and probe /healthz (docker-compose.yml does).
ENTRYPOINT ["node", "bin/kabar.js"]
CMD ["start"]
