import { Module } from '@nestjs/common';
import { AuditModule, OutboxModule } from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { DeadlineClocksModule } from '@heqi/deadlines';
import { HotlineFeedbackService } from './hotline-feedback.service.js';
import { HotlineReplyDrafts } from './hotline-reply-drafts.service.js';

/** The API's side of the reply loop: 回访 (and the 重办 it causes), and the reply drafts. */
@Module({
  imports: [AuditModule, OutboxModule, CasesModule, DeadlineClocksModule],
  providers: [HotlineFeedbackService, HotlineReplyDrafts],
  exports: [HotlineFeedbackService, HotlineReplyDrafts],
})
export class HotlineFeedbackModule {}
