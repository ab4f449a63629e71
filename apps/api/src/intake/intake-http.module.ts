import { IntakeModule } from '@app/intake';
import { Module } from '@nestjs/common';
import { ComplaintsController, PublicComplaintsController } from './complaints.controller';

@Module({
  imports: [IntakeModule],
  controllers: [ComplaintsController, PublicComplaintsController],
})
export class IntakeHttpModule {}
