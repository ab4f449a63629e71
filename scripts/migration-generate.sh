#!/usr/bin/env bash
# Usage: npm run migration:generate -- <Name>
# Diffs the TypeORM entities against the database in DATABASE_URL into libs/database/src/migrations/<ts>-<Name>.ts.
#
# Our migrations are written as SQL by hand: the schema has CHECK constraints, triggers (the append-only audit
# log), partial indexes and defaults that entities do not describe, so a generated diff also proposes dropping
# those. Use the output as a starting point for new tables or columns, keep only what you meant, and register the
# class in libs/database/src/migrations/index.ts. `npm run migration:create -- <Name>` starts an empty one.
set -euo pipefail
name=${1:?usage: npm run migration:generate -- <Name>}
npx ts-node -T -r tsconfig-paths/register node_modules/typeorm/cli.js migration:generate \
  -d libs/database/src/data-source.ts "libs/database/src/migrations/${name}"
echo "Review it: drop every statement that removes a constraint, trigger, index or default you did not mean to change." >&2
