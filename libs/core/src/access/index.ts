export * from './actor.js';
export * from './role.enum.js';
