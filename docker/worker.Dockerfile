# syntax=docker/dockerfile:1.7
# ---- build: the whole workspace, built once; identical in api/worker/web Dockerfiles so that
# BuildKit reuses the layers across the three images.
FROM node:20-bookworm AS build
WORKDIR /src
ENV NX_DAEMON=false NX_TUI=false NX_NO_CLOUD=true CI=true
COPY package.json package-lock.json ./
# npm install, not npm ci: see ARCHITECTURE.md (lockfile without non-Linux optional binaries).
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund
COPY . .
# The webpack builds of api and worker also write a package.json + package-lock.json listing
# exactly the npm packages they import (generatePackageJson), used by the deps stages below.
RUN npx nx run-many -t build -p api worker web --parallel=2

# ---- production dependencies of the worker only
FROM node:20-bookworm AS deps
WORKDIR /app
COPY --from=build /src/dist/apps/worker/package.json /src/dist/apps/worker/package-lock.json* ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev --no-audit --no-fund

# ---- runtime: BullMQ worker (scale with: docker compose up --scale worker=N)
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist/apps/worker ./dist/apps/worker
USER node
CMD ["node", "dist/apps/worker/main.js"]
