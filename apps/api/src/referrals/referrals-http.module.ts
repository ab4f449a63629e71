import { ReferralsModule } from '@app/referrals';
import { Module } from '@nestjs/common';
import { ReferralsController } from './referrals.controller';
import { PartnerInboundController, PartnersController } from './partners.controller';
import { SupervisionController } from './supervision.controller';

@Module({
  imports: [ReferralsModule],
  controllers: [ReferralsController, PartnersController, PartnerInboundController, SupervisionController],
})
export class ReferralsHttpModule {}
