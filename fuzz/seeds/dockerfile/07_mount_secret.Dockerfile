# syntax=docker/dockerfile:1
FROM golang:1.22 AS builder
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=cache,target=/root/.cache/go-build,sharing=locked \
    --mount=type=bind,source=.,target=/src,rw \
    --mount=type=ssh \
    --network=none --security=insecure \
    go build -o /out/app ./...
COPY --chown=1000:1000 --chmod=755 --link --from=builder /out/app /usr/local/bin/
ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.invalid/a.tgz /tmp/
ADD --keep-git-dir=true git@github.com:moby/buildkit.git /bk
FROM gcr.io/distroless/static@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
COPY --from=builder --parents /out/./app /
USER 65532:65532
