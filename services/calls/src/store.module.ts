import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CALL_MODEL, callSchema } from './calls/call.schema';
import { CallsRepository } from './calls/calls.repository';
import { ContactsClient } from './peers/contacts.client';
import { MessagingClient } from './peers/messaging.client';
import { PeerClient } from './peers/peer-client';
import { CALL_SETTINGS_MODEL, callSettingsSchema } from './settings/call-settings.schema';
import { CallSettingsService } from './settings/call-settings.service';

/** This service's collections, the call repository, tenant call settings and the clients of its peers. */
@Global()
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CALL_MODEL, schema: callSchema },
      { name: CALL_SETTINGS_MODEL, schema: callSettingsSchema },
    ]),
  ],
  providers: [CallsRepository, CallSettingsService, PeerClient, ContactsClient, MessagingClient],
  exports: [MongooseModule, CallsRepository, CallSettingsService, ContactsClient, MessagingClient],
})
export class StoreModule {}
