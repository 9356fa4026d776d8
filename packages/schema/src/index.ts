export * from './contribution.ts';
export * from './errors.ts';
export * from './geojson.ts';
export * from './health.ts';
export * from './i18n.ts';
export * from './moderation.ts';
export * from './project.ts';
export * from './staff.ts';
