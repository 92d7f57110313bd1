export * from './subjects';
export * from './errors';
export * from './envelope';
export * from './contacts';
export * from './appointments';
export * from './messaging';
export * from './calls';
