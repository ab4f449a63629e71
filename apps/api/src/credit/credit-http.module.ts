import { CreditModule } from '@app/credit';
import { Module } from '@nestjs/common';
import { CreditController } from './credit.controller';
import { PublicCreditController } from './public-credit.controller';
import { PublicDecisionsController } from './public-decisions.controller';

@Module({
  imports: [CreditModule],
  controllers: [CreditController, PublicCreditController, PublicDecisionsController],
})
export class CreditHttpModule {}
