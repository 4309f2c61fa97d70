export * from './page.js';
export * from './named-page.js';
