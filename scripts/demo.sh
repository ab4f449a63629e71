#!/usr/bin/env bash
# npm run demo: services up, build when sources changed, migrate, seed (idempotent), then run API + worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-3000}
export DEMO_PASSWORD=${DEMO_PASSWORD:-Demo@2026}
export LOG_PRETTY=${LOG_PRETTY:-true}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ipe}

bash scripts/services.sh

stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find apps libs package-lock.json -newer "$stamp" -type f -not -path 'apps/web/dist/*' -print -quit)" ]; then
  echo "… building (API, worker, web)"
  npm run build
  touch "$stamp"
fi

cli=dist/apps/api/apps/api/src/cli.js
node "$cli" migrate
node "$cli" seed

node --max-semi-space-size=64 dist/apps/api/apps/api/src/main.js &
api=$!
node dist/apps/worker/apps/worker/src/main.js &
worker=$!
trap 'kill $api $worker 2>/dev/null; wait' INT TERM EXIT

for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<MSG

  知识产权执法案件管理 is running:  http://localhost:$PORT/
  API docs (OpenAPI):              http://localhost:$PORT/api/docs

  Demo accounts (password: $DEMO_PASSWORD)
    admin                                  系统管理员
    operator.zj / officer.zj / supervisor.zj   浙江 (12330 operator, Hangzhou officer, provincial supervisor)
    operator.js / officer.js / supervisor.js   江苏 (12330 operator, Nanjing officer, provincial supervisor)

  Ctrl+C stops both processes.
MSG
wait
