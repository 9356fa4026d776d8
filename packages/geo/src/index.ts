export * from './bounds.ts';
export * from './hot-spots.ts';
export * from './validate-geometry.ts';
