#!/bin/sh
# Build the image and answer a question from it, embedded and against the
# `chroma run` server of compose.yaml (same image). Run as root on a machine
# with podman:   sh deploy/check-image.sh [extra podman build options]
# e.g. with a local base image and a CA bundle for a proxy:
#   sh deploy/check-image.sh --build-arg BASE=localhost/debian-python:bookworm \
#      --env PIP_CERT=/etc/ssl/certs/ca-certificates.crt
# Where the OCI runtime cannot start containers (a sandbox that forbids
# setrlimit), the same commands run in the image's own filesystem (chroot).
set -eu
IMAGE=localhost/terress-bot:check
QUESTION="كم يوما يدوم اللقاء؟"
podman build --isolation chroot --network host -t "$IMAGE" "$@" .

if podman run --rm --network host "$IMAGE" true 2>/dev/null; then
    run() { podman run --rm --network host -v "$STATE:/data" "$IMAGE" sh -c "cd /app && $1"; }
    background() { SERVER=$(podman run -d --network host -v "$STATE:/data" "$IMAGE" sh -c "$1"); }
    echo "check-image: containers run"
else
    echo "check-image: this machine's OCI runtime cannot start containers; running in the image's filesystem"
    ROOT=$(podman image mount "$IMAGE")
    mount -t proc proc "$ROOT/proc"; mount --rbind /dev "$ROOT/dev"; mount -t tmpfs tmpfs "$ROOT/tmp"
    trap 'umount -l "$ROOT/data" "$ROOT/tmp" "$ROOT/dev" "$ROOT/proc"; podman image unmount "$IMAGE" >/dev/null' EXIT
    run() {
        chroot "$ROOT" /usr/bin/env -i PATH=/opt/venv/bin:/usr/bin:/bin HOME=/data \
            KNOWLEDGE_DIR=/app/knowledge DATA_DIR=/data $ENVIRONMENT sh -c "cd /app && $1"
    }
    background() { run "exec $1" >/tmp/check-image-chroma.log 2>&1 & SERVER=$!; }
fi
STATE=$(mktemp -d)
[ -n "${ROOT:-}" ] && mount --bind "$STATE" "$ROOT/data"

ENVIRONMENT=""
echo "--- embedded Chroma"
run "python ingest.py && python -m bot ask --json '$QUESTION'" | tail -1 | grep '"confident": true'

echo "--- a chroma run server from the same image (compose.yaml's pair)"
background "chroma run --host 127.0.0.1 --port 8765 --path /data/server"
for _ in $(seq 1 60); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8765/api/v2/heartbeat')" 2>/dev/null && break
    sleep 1
done
ENVIRONMENT="CHROMA_HOST=127.0.0.1 CHROMA_PORT=8765"
run "python ingest.py && python -m bot ask --json '$QUESTION'" | tail -1 | grep '"confident": true'
podman stop "$SERVER" >/dev/null 2>&1 || pkill -f "chroma run --host 127.0.0.1 --port 8765" || true
echo "check-image: OK"
