import { teamMemberKey } from '@conversations/contracts';
import { searchableText } from '@conversations/person-search';
import { insertIfAbsent } from '@conversations/service-kit';
import type { Connection, Types } from 'mongoose';
import { catalogueSchema } from '../catalogue/catalogue';
import { contactSchema } from '../contacts/contact.schema';
import { derivedFields } from '../contacts/contact.view';
import { noteSchema } from '../notes/note.schema';
import { teamMemberSchema } from '../team-members/team-member.schema';
import { DEMO_TENANTS, demoContacts, seedId } from './demo-data';

export interface SeedSummary {
  tenant: string;
  teamMembers: number;
  contacts: number;
  notes: number;
}

/**
 * Idempotent demo data: every document has a deterministic id and is written with `$setOnInsert`,
 * so a second run inserts nothing and never overwrites what a user changed.
 */
export async function seedDemoData(connection: Connection): Promise<SeedSummary[]> {
  const models = {
    contacts: connection.model('Contact', contactSchema),
    notes: connection.model('Note', noteSchema),
    tags: connection.model('Tag', catalogueSchema('tags')),
    dispositions: connection.model('Disposition', catalogueSchema('dispositions')),
    members: connection.model('TeamMember', teamMemberSchema),
  };
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  const summaries: SeedSummary[] = [];
  for (const tenant of DEMO_TENANTS) {
    const tenantId = tenant.id;
    // Team records keyed by the user id alone (before a user could belong to several tenants) give way to
    // one record per membership.
    await models.members.deleteMany({ tenantId, userId: { $exists: false } });
    await models.members.bulkWrite(
      tenant.members.map(({ _id: userId, ...member }) => insertIfAbsent(tenantId, teamMemberKey(tenantId, userId), { ...member, userId })),
    );
    const createdAt = new Date(Date.UTC(2026, 0, 1));
    const catalogue = (kind: string, names: string[]) =>
      names.map((name) => ({
        _id: seedId(tenantId, kind, name),
        tenantId,
        name,
        nameKey: searchableText(name),
        color: null,
        deleted: false,
        createdAt,
        updatedAt: createdAt,
        outbox: [],
      }));
    const tags = catalogue('tag', tenant.tags);
    const dispositions = catalogue('disposition', tenant.dispositions);
    await models.tags.bulkWrite(tags.map((tag) => insertIfAbsent(tenantId, tag._id, tag)));
    await models.dispositions.bulkWrite(dispositions.map((item) => insertIfAbsent(tenantId, item._id, item)));

    const contacts = demoContacts(tenant);
    let noteCount = 0;
    const noteWrites: ReturnType<typeof insertIfAbsent<Types.ObjectId>>[] = [];
    const contactWrites = contacts.map((contact, index) => {
      const _id = seedId(tenantId, 'contact', index);
      contact.notes.forEach((note, noteIndex) => {
        // Between the contact's creation and now, in order: demo data never carries a future date.
        const created = contact.createdAt.getTime();
        const latest = (Date.now() - created) * ((noteIndex + 1) / (contact.notes.length + 1));
        const at = new Date(created + Math.min(note.ageHours * 3600_000, latest));
        noteWrites.push(
          insertIfAbsent(tenantId, seedId(tenantId, 'note', index, noteIndex), {
            contactId: _id,
            body: note.body,
            authorId: tenant.members[noteIndex % tenant.members.length]._id,
            deleted: false,
            createdAt: at,
            updatedAt: at,
            outbox: [],
          }),
        );
        noteCount++;
      });
      return insertIfAbsent(tenantId, _id, {
        firstName: contact.firstName,
        lastName: contact.lastName,
        phone: contact.phone,
        phoneKey: contact.phone ?? `none:${_id}`,
        email: contact.email,
        company: contact.company,
        address: null,
        timeZone: contact.timeZone,
        dateOfBirth: null,
        source: contact.source,
        customFields: {},
        ...derivedFields(contact.firstName, contact.lastName, contact.phone),
        tagIds: contact.tagIndexes.map((tagIndex) => tags[tagIndex]._id),
        dispositionId: contact.dispositionIndex === null ? null : dispositions[contact.dispositionIndex]._id,
        dnd: contact.dnd,
        dndHistory: [],
        assignment:
          index % 3 === 0
            ? { type: 'user', userId: tenant.members[index % tenant.members.length]._id }
            : { type: index % 3 === 1 ? 'company' : 'unassigned', userId: null },
        deleted: false,
        deletedAt: null,
        createdAt: contact.createdAt,
        updatedAt: contact.createdAt,
        version: 0,
        outbox: [],
      });
    });
    for (let start = 0; start < contactWrites.length; start += 500)
      await models.contacts.bulkWrite(contactWrites.slice(start, start + 500), { ordered: false });
    for (let start = 0; start < noteWrites.length; start += 500)
      await models.notes.bulkWrite(noteWrites.slice(start, start + 500), { ordered: false });
    summaries.push({ tenant: tenantId, teamMembers: tenant.members.length, contacts: contacts.length, notes: noteCount });
  }
  return summaries;
}
