import { CreateTagDto, ErrorCodes, UpdateTagDto } from '@conversations/contracts';
import { catalogueController } from '../catalogue/catalogue.controller';

/** The tenant-wide tag catalogue the Tags multi-select offers (F28). */
export class TagsController extends catalogueController({
  kind: 'tags',
  noun: 'tag',
  notFound: ErrorCodes.TAG_NOT_FOUND,
  view: 'TagView',
  createDto: CreateTagDto,
  updateDto: UpdateTagDto,
  updateSummary: 'Rename or recolour a tag',
  anyMemberCreates: true,
}) {}
