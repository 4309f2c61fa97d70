import { Foundation1763851000000 } from './1763851000000-Foundation.js';
import { Audit1763852000000 } from './1763852000000-Audit.js';
import { Network1763853000000 } from './1763853000000-Network.js';
import { NetworkExtras1763853500000 } from './1763853500000-NetworkExtras.js';
import { Identity1763854000000 } from './1763854000000-Identity.js';
import { HotlineKeys1763856000000 } from './1763856000000-HotlineKeys.js';
import { Cases1763857000000 } from './1763857000000-Cases.js';
import { Assignment1763858000000 } from './1763858000000-Assignment.js';
import { Deadlines1763859000000 } from './1763859000000-Deadlines.js';
import { Outcomes1763860000000 } from './1763860000000-Outcomes.js';
import { FeedbackOnce1763860500000 } from './1763860500000-FeedbackOnce.js';
import { Mediation1763861000000 } from './1763861000000-Mediation.js';
import { Reporting1763863000000 } from './1763863000000-Reporting.js';
import { IntakeThroughput1763864000000 } from './1763864000000-IntakeThroughput.js';
import { ReportMarksAppendOnly1763864500000 } from './1763864500000-ReportMarksAppendOnly.js';
import { ReportYearRollups1763865000000 } from './1763865000000-ReportYearRollups.js';
import { EmployerLookup1763865500000 } from './1763865500000-EmployerLookup.js';
import { IntakeRoundTrips1763866000000 } from './1763866000000-IntakeRoundTrips.js';

/** Every migration, oldest first. A new migration is added here as well as written. */
export const MIGRATIONS = [
  Foundation1763851000000,
  Audit1763852000000,
  Network1763853000000,
  NetworkExtras1763853500000,
  Identity1763854000000,
  HotlineKeys1763856000000,
  Cases1763857000000,
  Assignment1763858000000,
  Deadlines1763859000000,
  Outcomes1763860000000,
  FeedbackOnce1763860500000,
  Mediation1763861000000,
  Reporting1763863000000,
  IntakeThroughput1763864000000,
  ReportMarksAppendOnly1763864500000,
  ReportYearRollups1763865000000,
  EmployerLookup1763865500000,
  IntakeRoundTrips1763866000000,
];
