import { IntakeModule } from '@app/intake';
import { RegionsModule } from '@app/regions';
import { Module } from '@nestjs/common';
import { ComplaintImportController } from './complaint-import.controller';
import { ComplaintsController, PublicComplaintsController } from './complaints.controller';
import { PublicRegionsController } from './public-regions.controller';

@Module({
  imports: [IntakeModule, RegionsModule],
  controllers: [
    ComplaintImportController,
    ComplaintsController,
    PublicComplaintsController,
    PublicRegionsController,
  ],
})
export class IntakeHttpModule {}
