import { ReferralsModule } from '@app/referrals';
import { Module } from '@nestjs/common';
import { ReferralsController } from './referrals.controller';

@Module({
  imports: [ReferralsModule],
  controllers: [ReferralsController],
})
export class ReferralsHttpModule {}
