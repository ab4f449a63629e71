// DataSource for the TypeORM CLI (migration:generate). Entities are found by file name so this platform
// lib never imports the context libs.
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource({
  ...dataSourceOptions(loadConfig()),
  entities: [__dirname + '/../../*/src/**/*.entity.{ts,js}'],
});
