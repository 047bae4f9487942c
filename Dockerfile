# syntax=docker/dockerfile:1
# One image, two processes: the API is the default command; the worker is the same image run
# with `node dist/apps/worker/main.js` (infra/docker-compose.yml, infra/k8s/), and
# `node dist/apps/api/migrate.js` only migrates the database and exits.
#
#   docker build -t accord .
#
# Debian slim rather than Alpine: argon2 ships prebuilt binaries for both, and glibc is what the
# tests and benchmarks run on.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# swagger-ui-dist's @scarf/scarf reports installs over the network unless told not to.
ENV SCARF_ANALYTICS=false
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# `npx accord …` (the command line) runs the built dist/apps/cli/main.js through the package's bin.
COPY bin ./bin
# tsc emits JavaScript only: the page templates, the pages' own assets and the council reference
# list are read at run time from the project root (the folder with package.json), so they are
# copied as they are, and so are the reference unit costs placement savings are priced from.
# GOV.UK Frontend's assets come with its package.
COPY apps/api/web/templates ./apps/api/web/templates
COPY apps/api/web/assets ./apps/api/web/assets
COPY libs/identity/data ./libs/identity/data
COPY libs/ledger/data ./libs/ledger/data
# The code stays owned by root and read-only to the process; only the outbox (reports written
# as .eml files when SMTP_URL is unset) is writable.
RUN mkdir outbox && chown 1000:1000 outbox
# The base image's `node` user, by number so that Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 3000
# Node's own fetch: the slim image has neither curl nor wget. The worker serves no HTTP, so it
# runs with this check turned off (infra/docker-compose.yml).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
