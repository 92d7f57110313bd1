export * from './names';
export * from './person-search';
export * from './phone';
