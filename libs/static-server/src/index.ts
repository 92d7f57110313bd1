export * from './server';
export * from './frontends';
