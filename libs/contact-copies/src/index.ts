export * from './contact-copy';
export * from './contact-copy-sync';
export * from './contact-copy-sync.provider';
