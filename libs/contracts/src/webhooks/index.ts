export * from './event-types';
export * from './views';
export * from './webhook.dto';
