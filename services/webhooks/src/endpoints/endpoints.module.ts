import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WEBHOOK_ENDPOINT_MODEL, webhookEndpointSchema } from './endpoint.schema';
import { EndpointsController } from './endpoints.controller';
import { EndpointsService } from './endpoints.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: WEBHOOK_ENDPOINT_MODEL, schema: webhookEndpointSchema }])],
  controllers: [EndpointsController],
  providers: [EndpointsService],
  exports: [EndpointsService, MongooseModule],
})
export class EndpointsModule {}
