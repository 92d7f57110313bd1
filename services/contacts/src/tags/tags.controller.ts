import { CreateTagDto, UpdateTagDto } from '@conversations/contracts';
import { catalogueController } from '../catalogue/catalogue.controller';
import { TagsService } from './tags.service';

export class TagsController extends catalogueController({
  kind: 'tags',
  service: TagsService,
  createDto: CreateTagDto,
  updateDto: UpdateTagDto,
}) {}
