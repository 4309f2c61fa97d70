import { Foundation1763851000000 } from './1763851000000-Foundation.js';
import { Audit1763852000000 } from './1763852000000-Audit.js';
import { Network1763853000000 } from './1763853000000-Network.js';

/** Every migration, oldest first. A new migration is added here as well as written. */
export const MIGRATIONS = [Foundation1763851000000, Audit1763852000000, Network1763853000000];
