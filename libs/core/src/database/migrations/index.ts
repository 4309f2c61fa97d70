import { Foundation1763851000000 } from './1763851000000-Foundation.js';

/** Every migration, oldest first. A new migration is added here as well as written. */
export const MIGRATIONS = [Foundation1763851000000];
