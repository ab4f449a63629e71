/**
 * Verifies every audit stream and the checkpoint chain; prints one line; exit 0 when intact, 1 when tampered,
 * 2 when the check could not run. `npm run audit:verify` (DATABASE_URL selects the database).
 */
import 'reflect-metadata';
import { runAuditVerify } from '@app/audit';
import { loadConfig } from '@app/config';

export { runAuditVerify };

export async function main(): Promise<number> {
  try {
    return await runAuditVerify(loadConfig());
  } catch (e) {
    process.stderr.write(`audit:verify could not run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
