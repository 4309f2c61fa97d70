import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerCheck } from './job-handler.check.js';
import { JobReceipts } from './job-receipts.service.js';

/** Idempotency receipts for job handlers. */
@Module({ providers: [JobReceipts], exports: [JobReceipts] })
export class JobReceiptsModule {}

/** The worker's start-up check that every job has exactly one handler. */
@Module({ imports: [DiscoveryModule], providers: [JobHandlerCheck] })
export class JobHandlerCheckModule {}
