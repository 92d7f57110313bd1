export * from './appointment.dto';
export * from './validators';
export * from './views';
