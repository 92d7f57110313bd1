export * from './identity-provider';
export * from './demo-users';
export * from './demo-identity';
