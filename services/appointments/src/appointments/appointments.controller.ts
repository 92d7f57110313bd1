import {
  AppointmentsSubjects,
  CancelAppointmentDto,
  CreateAppointmentDto,
  ListAppointmentsQueryDto,
  RpcRequest,
  UpdateAppointmentDto,
} from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AppointmentsService } from './appointments.service';

@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @MessagePattern(AppointmentsSubjects.listForContact)
  listForContact(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & ListAppointmentsQueryDto>) {
    const { contactId, ...query } = data ?? {};
    return this.appointments.listForContact(ctx, String(contactId), validateDto(ListAppointmentsQueryDto, query));
  }

  @MessagePattern(AppointmentsSubjects.create)
  create(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & CreateAppointmentDto>) {
    const { contactId, ...body } = data ?? {};
    return this.appointments.create(ctx, String(contactId), validateDto(CreateAppointmentDto, body));
  }

  @MessagePattern(AppointmentsSubjects.get)
  get(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    return this.appointments.get(ctx, String(data?.id));
  }

  @MessagePattern(AppointmentsSubjects.update)
  update(@Payload() { ctx, data }: RpcRequest<{ id: string; changes: UpdateAppointmentDto }>) {
    return this.appointments.update(ctx, String(data?.id), validateDto(UpdateAppointmentDto, data?.changes));
  }

  @MessagePattern(AppointmentsSubjects.cancel)
  cancel(@Payload() { ctx, data }: RpcRequest<{ id: string } & CancelAppointmentDto>) {
    const { id, ...body } = data ?? {};
    return this.appointments.cancel(ctx, String(id), validateDto(CancelAppointmentDto, body).reason);
  }
}
