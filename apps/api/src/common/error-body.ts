import type { FieldProblem } from '@heqi/core';

/** The error body fixed by the API contract ("Conventions"). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
}

/** The body of a 5xx: only an id to quote to support; the log holds the rest. */
export interface ServerErrorBody {
  statusCode: number;
  errorId: string;
}
