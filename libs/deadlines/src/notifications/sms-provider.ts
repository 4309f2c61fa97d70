import { Injectable, Logger } from '@nestjs/common';
import { maskPhone } from '@heqi/core';

/** One text message to a mainland mobile number. */
export interface SmsMessage {
  /** Clear number; a provider must never log it. */
  to: string;
  text: string;
}

/**
 * The channel notifications are sent through besides the in-app inbox. A real gateway (an SMS
 * platform's HTTP API) implements this and is bound to the token in place of
 * {@link LogSmsProvider}; `send` must throw when the gateway refuses, so the delivery job is
 * retried.
 */
export abstract class SmsProvider {
  abstract send(message: SmsMessage): Promise<void>;
}

/** A message as {@link LogSmsProvider} keeps it: the number masked, as everywhere else. */
export interface LoggedSms {
  toMasked: string;
  text: string;
  at: Date;
}

/** How many sent messages the local provider keeps for inspection. */
const KEEP = 1_000;

/**
 * The local stand-in for an SMS gateway: sends nothing, logs each message with the number
 * masked, and keeps the latest ones in memory (`sent`) so tests and developers can see what
 * would have gone out.
 */
@Injectable()
export class LogSmsProvider extends SmsProvider {
  private readonly logger = new Logger('Sms');
  readonly sent: LoggedSms[] = [];

  async send(message: SmsMessage): Promise<void> {
    const toMasked = maskPhone(message.to) ?? '***';
    this.sent.push({ toMasked, text: message.text, at: new Date() });
    if (this.sent.length > KEEP) this.sent.splice(0, this.sent.length - KEEP);
    this.logger.log(`短信（未实际发送）→ ${toMasked}：${message.text}`);
  }
}
