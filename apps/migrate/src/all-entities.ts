import { JobReceipt, OutboxMessage, PipelineProbe } from '@heqi/core';

/** Every entity of every context: the model that migrations are generated against. */
export const ALL_ENTITIES = [OutboxMessage, JobReceipt, PipelineProbe];
