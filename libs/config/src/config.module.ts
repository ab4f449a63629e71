import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfigWith } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** Global AppConfig; tests pass overrides (e.g. a per-file DATABASE_URL). */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    return ConfigModule.forConfig(loadConfigWith(overrides));
  }

  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
