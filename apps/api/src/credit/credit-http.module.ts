import { CreditModule } from '@app/credit';
import { Module } from '@nestjs/common';
import { CreditController } from './credit.controller';
import { PublicCreditController } from './public-credit.controller';

@Module({
  imports: [CreditModule],
  controllers: [CreditController, PublicCreditController],
})
export class CreditHttpModule {}
