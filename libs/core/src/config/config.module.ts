import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, loadConfigFromProcess } from './app-config.js';

/**
 * Provides {@link AppConfig} everywhere. `forRoot()` validates the environment once at boot;
 * tests pass a ready config instead of touching process.env.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfigFromProcess()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
