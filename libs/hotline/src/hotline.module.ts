import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HotlineKey } from './hotline-key.entity.js';
import { HotlineKeysService } from './hotline-keys.service.js';

/** The 12345 hotline integration. */
@Module({
  imports: [TypeOrmModule.forFeature([HotlineKey])],
  providers: [HotlineKeysService],
  exports: [HotlineKeysService],
})
export class HotlineModule {}
