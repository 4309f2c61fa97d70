/**
 * A clock's state (contract: `deadlines[].state`). `running` → `warned` → `breached` as time
 * passes; `met` when the work was done in time; `paused` while stopped by a supervisor. A
 * breached clock stays `breached` when the work is done late (its `stoppedAt` says when).
 */
export enum ClockState {
  Running = 'running',
  Warned = 'warned',
  Breached = 'breached',
  Met = 'met',
  Paused = 'paused',
}
