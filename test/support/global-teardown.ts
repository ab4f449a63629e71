import 'tsconfig-paths/register';
import { dropDatabase } from '@app/database';
import { templateUrl } from '@app/testing';

/** Drops this run's template database (see global-setup). */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.IPE_TEST_TEMPLATE;
  if (template) await dropDatabase(templateUrl(template));
}
