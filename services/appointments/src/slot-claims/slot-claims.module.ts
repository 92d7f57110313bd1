import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SLOT_CLAIM_MODEL, slotClaimSchema } from './slot-claim.schema';
import { SlotClaimsService } from './slot-claims.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: SLOT_CLAIM_MODEL, schema: slotClaimSchema }])],
  providers: [SlotClaimsService],
  exports: [SlotClaimsService],
})
export class SlotClaimsModule {}
