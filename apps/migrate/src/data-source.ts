import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfigFromProcess } from '@heqi/core';
import { ALL_ENTITIES } from './all-entities.js';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:generate`, `:run`, `:revert`). It
 * lists every context's entities so generated migrations see the whole model.
 */
export default new DataSource(
  dataSourceOptions(loadConfigFromProcess().databaseUrl, ALL_ENTITIES, 'heqi-migration-cli'),
);
