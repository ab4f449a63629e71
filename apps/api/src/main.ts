import { AppConfig } from '@app/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen({ port: config.PORT, host: config.HOST });
}

void main();
