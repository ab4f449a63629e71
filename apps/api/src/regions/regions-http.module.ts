import { RegionsModule } from '@app/regions';
import { Module } from '@nestjs/common';
import { OfficesController } from './offices.controller';
import { RegionsController } from './regions.controller';

@Module({ imports: [RegionsModule], controllers: [RegionsController, OfficesController] })
export class RegionsHttpModule {}
