export * from './definitions.ts';
export * from './scoring.ts';
