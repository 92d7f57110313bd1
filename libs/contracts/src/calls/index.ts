export * from './calls.dto';
export * from './views';
