import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EndpointsModule } from '../endpoints/endpoints.module';
import { EventLogModule } from '../event-log/event-log.module';
import { OutboundModule } from '../outbound/outbound.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { WEBHOOK_DELIVERY_MODEL, deliverySchema } from './delivery.schema';
import { DeliveryConsumer } from './delivery-consumer';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { RetentionSweep } from './retention-sweep';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: WEBHOOK_DELIVERY_MODEL, schema: deliverySchema }]),
    EndpointsModule,
    EventLogModule,
    OutboundModule,
  ],
  controllers: [DeliveriesController],
  providers: [DeliveriesService, DeliveryDispatcher, DeliveryConsumer, RetentionSweep],
  exports: [DeliveriesService, DeliveryDispatcher],
})
export class DeliveriesModule {}
