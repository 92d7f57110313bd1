import { ContactEventTypes, ContactsSubjects, DndChange, DndSettings, RpcRequestOf, UpdateDndDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';

/** Consent history kept on the contact; older entries roll off. */
const DND_HISTORY_LIMIT = 50;

/** F32: DND per channel, saved on change, with who/what/when recorded (F25). */
@Controller()
export class DndController {
  constructor(private readonly contacts: ContactsService) {}

  @RpcHandler(ContactsSubjects.updateDnd)
  update({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.updateDnd>) {
    const changes = validateDto(UpdateDndDto, data.changes);
    return this.contacts.applyChange(ctx, data.id, (current) => {
      const effective = Object.fromEntries(
        Object.entries(changes).filter(([channel, value]) => current.dnd[channel as keyof DndSettings] !== value),
      ) as Partial<DndSettings>;
      if (!Object.keys(effective).length) return null;
      const entry: DndChange = {
        at: new Date().toISOString(),
        source: data.source === 'inbound-keyword' ? 'inbound-keyword' : 'user',
        by: ctx.userId,
        ...(data.keyword ? { keyword: data.keyword } : {}),
        changes: effective,
      };
      return {
        set: { dnd: { ...current.dnd, ...effective }, dndHistory: [...(current.dndHistory ?? []), entry].slice(-DND_HISTORY_LIMIT) },
        eventType: ContactEventTypes.dndChanged,
        viewFields: ['dnd'],
        eventExtra: { change: entry },
      };
    });
  }
}
