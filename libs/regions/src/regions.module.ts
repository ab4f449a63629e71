import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficeEntity } from './entities/office.entity';
import { RegionEntity } from './entities/region.entity';
import { OfficeRepository } from './office.repository';
import { OfficeService } from './office.service';
import { RegionRepository } from './region.repository';
import { RoutingCatalog } from './routing-catalog';
import { RegionSeeder } from './region.seeder';
import { RegionService } from './region.service';

/** The region tree and the offices. Needs DatabaseModule and AuditModule (global) in the application. */
@Module({
  imports: [TypeOrmModule.forFeature([RegionEntity, OfficeEntity])],
  providers: [RegionRepository, OfficeRepository, RegionService, OfficeService, RegionSeeder, RoutingCatalog],
  exports: [RegionService, OfficeService, RegionSeeder, RoutingCatalog],
})
export class RegionsModule {}
