# syntax=docker/dockerfile:1
# The gateway for production: compiled JavaScript (npm run build), production dependencies only,
# a non-root user, HOST=0.0.0.0 and a health check on /health. The emulator is not in the image.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY emulator/package.json emulator/package.json
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src src
# The trusted documents' hash manifest, which the build bundles (src/http/use-trusted-documents.ts).
COPY schema/operations/client/persisted-documents.json schema/operations/client/persisted-documents.json
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
COPY emulator/package.json emulator/package.json
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
