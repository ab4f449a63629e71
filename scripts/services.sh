#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer; starts them when they are
# installed but down. Without them installed, points to docker/compose.yml.
set -uo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || (echo > /dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }
wait_for() { local what=$1 check=$2; for _ in $(seq 1 30); do $check && return 0; sleep 1; done; echo "✗ $what did not come up in 30 s" >&2; return 1; }

status=0
if pg_up; then
  echo "✓ PostgreSQL is running on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "… starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
  wait_for PostgreSQL pg_up && echo "✓ PostgreSQL started" || status=1
else
  echo "✗ PostgreSQL is not installed here. Install it (apt-get install postgresql) or run: docker compose -f docker/compose.yml up -d postgres redis" >&2
  status=1
fi

if redis_up; then
  echo "✓ Redis is running on 127.0.0.1:6379"
elif command -v redis-server >/dev/null 2>&1; then
  echo "… starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis_up && echo "✓ Redis started" || status=1
else
  echo "✗ Redis is not installed here. Install it (apt-get install redis-server) or run: docker compose -f docker/compose.yml up -d postgres redis" >&2
  status=1
fi
exit $status
