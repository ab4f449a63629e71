export * from './calendar-day';
export * from './iso-date';
export * from './shanghai-time';
export * from './working-calendar';
export * from './deadline-with-tolling';
