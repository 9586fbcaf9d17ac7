# syntax=docker/dockerfile:1
# Build stage: install dependencies (better-sqlite3 builds its native addon here), compile the
# TypeScript to dist/, then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: no compilers, non-root user, health check.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=sqlite:/app/data/zhaoshang.sqlite
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The sandbox console's static files (read from the project root, not from dist/).
COPY src/sandbox/public ./src/sandbox/public
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM reaches node directly (no npm in between), so shutdown is graceful. Compiled code and the
# heap flags are npm start's (see docs/ARCHITECTURE.md, "Runtime and memory"); a test keeps them in step.
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=4", "dist/src/main.js"]
