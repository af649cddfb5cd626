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

# ---- runtime: nginx serves the Angular app and proxies /api and socket.io to the api service
FROM nginx:1.27-alpine
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist/apps/web/browser /usr/share/nginx/html
EXPOSE 80
