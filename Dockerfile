# syntax=docker/dockerfile:1
# hubcheck: build the npm tarball, install it with production dependencies only, and run
# it from a slim Node 20 image as an unprivileged user. See docs/install.md.

FROM node:20-bookworm AS build
WORKDIR /src
# Dependencies first, so that a source change reuses the npm ci layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json README.md ./
COPY src ./src
COPY rules ./rules
COPY reports ./reports
COPY demo ./demo
COPY bench ./bench
# prepack builds dist/; the tarball is what users install, here as everywhere.
RUN npm pack --pack-destination /tmp \
 && npm install -g --omit=dev --no-audit --no-fund --prefix /opt/hubcheck /tmp/hubcheck-*.tgz \
 && /opt/hubcheck/bin/hubcheck --version

FROM node:20-bookworm-slim
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="hubcheck" \
      org.opencontainers.image.description="CIS AWS Foundations Benchmark checks as ASFF findings, for AWS Security Hub or local reports" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/hubcheck/hubcheck" \
      org.opencontainers.image.url="https://github.com/hubcheck/hubcheck"
ENV PATH=/opt/hubcheck/bin:$PATH \
    NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
COPY --from=build /opt/hubcheck /opt/hubcheck
RUN groupadd --system --gid 10001 hubcheck \
 && useradd --system --uid 10001 --gid hubcheck --home-dir /var/lib/hubcheck --shell /usr/sbin/nologin hubcheck \
 && mkdir -p /var/lib/hubcheck \
 && chown hubcheck:hubcheck /var/lib/hubcheck
USER 10001:10001
WORKDIR /var/lib/hubcheck
VOLUME ["/var/lib/hubcheck"]
ENTRYPOINT ["hubcheck"]
CMD ["--help"]
