// `@conversations/ui/testing`: stand-ins for the browser and the API that component tests of every panel share.
// Its own entry so tests need not reach into the library's files, and panels never bundle it.
export * from './fake-event-source';
export * from './fake-fetch';
export * from './fixtures';
