import { CreateDispositionDto, ErrorCodes, UpdateDispositionDto } from '@conversations/contracts';
import { catalogueController } from '../catalogue/catalogue.controller';

/** The tenant-configurable dispositions the Dispositions dropdown offers (F27). */
export class DispositionsController extends catalogueController({
  kind: 'dispositions',
  noun: 'disposition',
  notFound: ErrorCodes.DISPOSITION_NOT_FOUND,
  view: 'DispositionView',
  createDto: CreateDispositionDto,
  updateDto: UpdateDispositionDto,
  updateSummary: 'Rename a disposition',
}) {}
