import type { RpcRequestOf, RpcResponse, RpcSubject } from '@conversations/contracts';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError } from './errors';

/** A handler of `K`: takes the request the contract names, answers the response it names. */
export type RpcHandlerMethod<K extends RpcSubject> = (request: RpcRequestOf<K>) => RpcResponse<K> | Promise<RpcResponse<K>>;

/**
 * Nest's `@MessagePattern(subject)`, typed from the contract map: a handler whose parameter is not the
 * subject's request, or whose answer is not its response, does not compile. The request's data is
 * checked to be an object before the handler runs, so handlers read their fields without guarding
 * against a missing body; the DTO parts they take are still validated by the handler (`validateDto`).
 */
export function RpcHandler<K extends RpcSubject>(subject: K) {
  // Only `value` is typed: a handler may declare a narrower answer (a Promise) than the contract admits.
  return (target: object, key: string | symbol, descriptor: { value?: RpcHandlerMethod<K> }): void => {
    const handler = descriptor.value as RpcHandlerMethod<K>;
    descriptor.value = function (this: unknown, request: RpcRequestOf<K>) {
      requireObject(request?.data);
      return handler.call(this, request);
    };
    MessagePattern(subject)(target, key, descriptor as PropertyDescriptor);
  };
}

function requireObject(data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw DomainError.validation({ body: ['body must be a JSON object'] });
  }
}
