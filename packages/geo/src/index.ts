export * from './bounds.ts';
export * from './validate-geometry.ts';
