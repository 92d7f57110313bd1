import { CreateDispositionDto, UpdateDispositionDto } from '@conversations/contracts';
import { catalogueController } from '../catalogue/catalogue.controller';
import { DispositionsService } from './dispositions.service';

export class DispositionsController extends catalogueController({
  kind: 'dispositions',
  service: DispositionsService,
  createDto: CreateDispositionDto,
  updateDto: UpdateDispositionDto,
}) {}
