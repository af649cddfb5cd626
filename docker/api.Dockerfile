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

# ---- production dependencies of the api only (the package.json/lockfile its build generated)
FROM node:20-bookworm AS deps
WORKDIR /app
COPY --from=build /src/dist/apps/api/package.json /src/dist/apps/api/package-lock.json* ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev --no-audit --no-fund

# ---- runtime: api (HTTP + the built web at /) and its CLI (migrate, revert, seed-demo)
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 WEB_DIST=/app/web
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist/apps/api ./dist/apps/api
COPY --from=build --chown=node:node /src/dist/apps/web/browser ./web
USER node
EXPOSE 3000
# Migrations run in the one-shot "migrate" service of docker/compose.yml (or: node dist/apps/api/cli.js migrate).
# The V8 flags are those of apps/api/node-flags.json (tools/workspace/node-flags.spec.ts keeps them equal).
CMD ["node", "--max-semi-space-size=32", "dist/apps/api/main.js"]
