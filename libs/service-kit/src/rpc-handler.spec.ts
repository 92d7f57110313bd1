import { ContactsSubjects, type ContactView, type RequestContext, type RpcRequestOf } from '@conversations/contracts';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { DomainError } from './errors';
import { RpcHandler } from './rpc-handler';

const ctx: RequestContext = { tenantId: 't-1', userId: 'u-1', requestId: 'r-1' };

class TeamMembersHandlers {
  @RpcHandler(ContactsSubjects.teamMembersGet)
  get({ data }: RpcRequestOf<typeof ContactsSubjects.teamMembersGet>) {
    return { id: data.id, name: 'Ana', email: 'ana@example.com', phone: null, timeZone: 'UTC', role: 'agent' as const };
  }
}

// Compile-time half of the contract: each line fails to compile if the decorator stopped checking it.
class WrongHandlers {
  // @ts-expect-error the answer is not a TeamMemberView
  @RpcHandler(ContactsSubjects.teamMembersGet)
  wrongAnswer() {
    return { id: 1 };
  }

  // @ts-expect-error contacts.get takes `{ id }`, not a contact id under another name
  @RpcHandler(ContactsSubjects.get)
  wrongRequest({ data }: RpcRequestOf<typeof ContactsSubjects.notesDelete>): Promise<ContactView> {
    return Promise.reject(new Error(data.noteId));
  }
}

describe('RpcHandler', () => {
  it('registers the method for its subject, as @MessagePattern does', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, TeamMembersHandlers.prototype.get)).toEqual([ContactsSubjects.teamMembersGet]);
    expect(Reflect.getMetadata(PATTERN_METADATA, WrongHandlers.prototype.wrongAnswer)).toEqual([ContactsSubjects.teamMembersGet]);
  });

  it('hands the handler the request as sent', async () => {
    await expect(Promise.resolve(new TeamMembersHandlers().get({ ctx, data: { id: 'u-7' } }))).resolves.toMatchObject({ id: 'u-7' });
  });

  it('answers VALIDATION_FAILED, as a DTO check would, when the data is not an object', () => {
    for (const data of [undefined, null, 'u-7', ['u-7']]) {
      const request = { ctx, data } as unknown as RpcRequestOf<typeof ContactsSubjects.teamMembersGet>;
      let failure: unknown;
      try {
        new TeamMembersHandlers().get(request);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(DomainError);
      expect((failure as DomainError).toBody()).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid',
        fields: { body: ['body must be a JSON object'] },
      });
    }
  });
});
