#!/usr/bin/env bash
# Usage: npm run migration:generate -- <Name>
# Compares the entities with the database in DATABASE_URL and writes libs/database/src/migrations/<ts>-<Name>.ts.
# Add the new class to libs/database/src/migrations/index.ts, then review the SQL by hand.
set -euo pipefail
name=${1:?usage: npm run migration:generate -- <Name>}
npx ts-node -T -r tsconfig-paths/register node_modules/typeorm/cli.js migration:generate \
  -d libs/database/src/data-source.ts "libs/database/src/migrations/${name}"
