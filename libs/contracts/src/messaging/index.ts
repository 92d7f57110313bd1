export * from './messaging.dto';
export * from './sms-text';
export * from './views';
