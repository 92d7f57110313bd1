import {
  AppointmentsSubjects,
  CancelAppointmentDto,
  CreateAppointmentDto,
  ListAppointmentsQueryDto,
  RpcRequestOf,
  UpdateAppointmentDto,
} from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { AppointmentsService } from './appointments.service';

@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @RpcHandler(AppointmentsSubjects.listForContact)
  listForContact({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.listForContact>) {
    const { contactId, ...query } = data;
    return this.appointments.listForContact(ctx, contactId, validateDto(ListAppointmentsQueryDto, query));
  }

  @RpcHandler(AppointmentsSubjects.create)
  create({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.create>) {
    const { contactId, ...body } = data;
    return this.appointments.create(ctx, contactId, validateDto(CreateAppointmentDto, body));
  }

  @RpcHandler(AppointmentsSubjects.get)
  get({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.get>) {
    return this.appointments.get(ctx, data.id);
  }

  @RpcHandler(AppointmentsSubjects.update)
  update({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.update>) {
    return this.appointments.update(ctx, data.id, validateDto(UpdateAppointmentDto, data.changes));
  }

  @RpcHandler(AppointmentsSubjects.cancel)
  cancel({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.cancel>) {
    const { id, ...body } = data;
    return this.appointments.cancel(ctx, id, validateDto(CancelAppointmentDto, body).reason);
  }
}
