import type { AppConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { DataSource } from 'typeorm';
import { AuditVerifyOptions, AuditVerifyResult, verifyAuditLog } from './audit.verifier';

/** The one-line summary `audit:verify` prints. */
export function formatAuditVerifyResult(r: AuditVerifyResult): string {
  const counts = `${r.streams} streams, ${r.events} events, ${r.checkpoints} checkpoints`;
  if (r.ok) return `audit log OK: ${counts}`;
  const p = r.firstProblem;
  const where = [
    p?.stream !== undefined ? `stream=${p.stream}` : undefined,
    p?.seq !== undefined ? `seq=${p.seq}` : undefined,
    p?.eventId !== undefined ? `event_id=${p.eventId}` : undefined,
    p?.checkpointId !== undefined ? `checkpoint_id=${p.checkpointId}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return `audit log TAMPERED: ${p?.kind} ${where} — ${p?.message} (${r.problems} problem(s); ${counts})`;
}

/**
 * `npm run audit:verify` (and the compiled CLI): verifies the whole log on the primary database, writes one line,
 * returns the process exit code — 0 when intact, 1 when tampered.
 */
export async function runAuditVerify(
  config: AppConfig,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  options?: AuditVerifyOptions,
): Promise<number> {
  const ds = new DataSource({ ...dataSourceOptions(config, { replicas: false }), logging: ['error'] });
  await ds.initialize();
  try {
    const result = await verifyAuditLog(ds, options);
    write(formatAuditVerifyResult(result));
    return result.ok ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}
