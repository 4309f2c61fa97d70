import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/index.js';
import { PiiCipher } from './pii-cipher.js';

/**
 * One {@link PiiCipher} for the whole app, keyed from the validated config (current key plus the
 * previous ones still accepted for decryption). Global: every context stores personal numbers.
 */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PiiCipher({ current: config.pii.currentKey, previous: config.pii.previousKeys }),
    },
  ],
  exports: [PiiCipher],
})
export class PiiModule {}
