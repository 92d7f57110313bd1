export * from './devstack';
export * from './environment';
export * from './service-process';
export * from './ports';
export * from './events';
export * from './rpc-client';
export * from './chromium';
