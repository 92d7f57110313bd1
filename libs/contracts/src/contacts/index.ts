export * from './contact.dto';
export * from './validators';
export * from './views';
