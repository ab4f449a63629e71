import { CalendarSeeder } from '@app/calendar';
import type { AppConfig } from '@app/config';
import { RegionSeeder } from '@app/regions';
import { NestFactory } from '@nestjs/core';
import { CliModule } from '../../apps/api/src/cli/cli.module';
import { DemoSeeder } from '../../apps/api/src/demo/demo.seeder';

/** Regions, calendar and the demo offices/accounts — what `npm run demo` seeds. */
export async function seedReferenceAndDemoData(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    // Errors only: a module that fails to resolve says why instead of ending the run silently.
    logger: ['error'],
  });
  try {
    await app.get(RegionSeeder).seed('2023-12-31');
    await app.get(CalendarSeeder).seed();
    await app.get(DemoSeeder).seed();
  } finally {
    await app.close();
  }
}
