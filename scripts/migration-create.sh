#!/usr/bin/env bash
# Usage: npm run migration:create -- <Name>   (PascalCase, e.g. CaseTables)
# Writes an empty timestamped migration and registers it in libs/database/src/migrations/index.ts.
set -euo pipefail
name=${1:?usage: npm run migration:create -- <Name>}
[[ "$name" =~ ^[A-Z][A-Za-z0-9]+$ ]] || { echo "Name must be PascalCase letters and digits" >&2; exit 2; }
ts=$(date +%s%3N)
kebab=$(echo "$name" | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z')
dir=libs/database/src/migrations
file="$dir/${ts}-${kebab}.ts"
cat > "$file" <<TS
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`SELECT 1\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`SELECT 1\`);
  }
}
TS
node - "$dir/index.ts" "${name}${ts}" "./${ts}-${kebab}" <<'JS'
const fs = require('fs');
const [file, cls, path] = process.argv.slice(2);
let s = fs.readFileSync(file, 'utf8');
s = s.replace(/(import [^\n]+\n)(?![\s\S]*\nimport )/, `$1import { ${cls} } from '${path}';\n`);
s = s.replace(/export const migrations = \[([^\]]*)\];/, (_, list) => `export const migrations = [${list.trim().replace(/,$/, '')}, ${cls}];`);
fs.writeFileSync(file, s);
JS
npx prettier --write "$file" "$dir/index.ts" >/dev/null
echo "created $file (registered in $dir/index.ts)"
