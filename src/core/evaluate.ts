/** The evaluation engine: see ./evaluate/index.ts. Kept so that imports of `core/evaluate.js` stay stable. */
export * from './evaluate/index.js';
