# syntax=docker/dockerfile:1.7
FROM debian:bookworm-slim AS base
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
RUN <<-'SCRIPT' bash
	echo "${NOT_EXPANDED}"
	curl -fsSL https://example.invalid/install.sh | sh
	SCRIPT
COPY <<EOT /etc/motd
Hello ${USER:-nobody}
EOT
RUN python3 <<PY1 && cat <<PY2 > /tmp/x
print("one")
PY1
two
PY2
COPY <<"A" <<B /dest/
a
A
b
B
