import { Module } from '@nestjs/common';
import { OutboxModule } from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { HotlineReplies } from './hotline-replies.service.js';

/** Replies and returns to the 12345 platform (the worker's side of the integration). */
@Module({
  imports: [CasesModule, OutboxModule],
  providers: [HotlineReplies],
  exports: [HotlineReplies],
})
export class HotlineRepliesModule {}
