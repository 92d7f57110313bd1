import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { catalogueSchema } from './catalogue/catalogue';
import { CONTACT_MODEL, contactSchema } from './contacts/contact.schema';
import { DISPOSITION_MODEL } from './dispositions/dispositions.service';
import { TAG_MODEL } from './tags/tags.service';

/** The models several concept modules write: contacts and the two catalogues that contacts reference. */
@Global()
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CONTACT_MODEL, schema: contactSchema },
      { name: TAG_MODEL, schema: catalogueSchema('tags') },
      { name: DISPOSITION_MODEL, schema: catalogueSchema('dispositions') },
    ]),
  ],
  exports: [MongooseModule],
})
export class StoreModule {}
