#!/usr/bin/env bash
# Controllers live only in apps/api, processors only in apps/worker (design.md §2).
set -euo pipefail
bad=$( (find libs apps/worker -name '*.controller.ts'; find libs apps/api -name '*.processor.ts') 2>/dev/null || true)
if [ -n "$bad" ]; then echo "misplaced files:"; echo "$bad"; exit 1; fi
echo "layout ok"
