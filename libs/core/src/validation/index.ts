export * from './credit-code.js';
export * from './identity-validators.js';
export * from './mainland-mobile.js';
export * from './resident-id-number.js';
export * from './uuid.js';
