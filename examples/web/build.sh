#!/usr/bin/env bash
# Builds the tour's image, satama-demo/web, from this machine's busybox-static: a tiny web
# server image made without any registry. Usage: examples/web/build.sh
set -euo pipefail
busybox=$(command -v busybox || true)
if [ -z "$busybox" ]; then
  echo "busybox is missing: apt-get install busybox-static" >&2
  exit 1
fi
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$busybox" "$ctx/busybox"
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/sh", "-c", "mkdir -p /tmp /www && echo 'hello from satama' > /www/index.html"]
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
DOCKERFILE
if ! out=$(docker build -q -t satama-demo/web "$ctx" 2>&1); then echo "$out" >&2; exit 1; fi
echo "built satama-demo/web"
