import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DOCUMENT_LOCK_MODEL, documentLockSchema } from './document-lock.schema';
import { DocumentLocks } from './document-locks.service';

@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: DOCUMENT_LOCK_MODEL, schema: documentLockSchema }])],
  providers: [DocumentLocks],
  exports: [DocumentLocks],
})
export class LocksModule {}
