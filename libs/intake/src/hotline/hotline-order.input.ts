import { Transform, plainToInstance } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, Matches, validate } from 'class-validator';
import type { FieldProblem } from '@heqi/core';
import {
  CreditCodeShape,
  IdNumberShape,
  IsoInstant,
  Money,
  PhoneNumber,
  Text,
  WorkerCount,
  fieldProblems,
  moneyText,
  upperTrimmed,
} from '../input/field-rules.js';

export const HOTLINE_URGENCIES = ['normal', 'urgent'] as const;
export type HotlineUrgency = (typeof HOTLINE_URGENCIES)[number];

/** Field lengths, shared with the API's documentation of the same fields. */
export const HOTLINE_ORDER_LIMITS = {
  orderNo: 64,
  title: 200,
  content: 10_000,
  category: 100,
  callerName: 50,
  eventAddress: 500,
  employerName: 200,
  handlingUnitCode: 50,
} as const;

/**
 * One 12345 work order as the platform pushes it (contract, "Hotline (12345) push"). Only
 * `orderNo`, `content` and `dispatchedAt` are required; null counts as absent. Validated the
 * same way whether it arrives alone, in a batch or as an import row. The API documents it by
 * extending this class.
 */
export class HotlineOrderInput {
  @Text(HOTLINE_ORDER_LIMITS.orderNo, { required: true })
  @Matches(/^[^\s\p{Cc}]+$/u, { message: '工单编号不能包含空白或控制字符' })
  orderNo!: string;

  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.title)
  title?: string | null;

  @Text(HOTLINE_ORDER_LIMITS.content, { required: true })
  content!: string;

  /** The platform's own label, e.g. 劳动保障-拖欠工资. */
  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.category)
  category?: string | null;

  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.callerName)
  callerName?: string | null;

  @IsOptional()
  @PhoneNumber()
  callerPhone?: string | null;

  @IsOptional()
  @Transform(upperTrimmed)
  @IdNumberShape()
  callerIdNumber?: string | null;

  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.eventAddress)
  eventAddress?: string | null;

  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.employerName)
  employerName?: string | null;

  @IsOptional()
  @Transform(upperTrimmed)
  @CreditCodeShape()
  employerCreditCode?: string | null;

  @IsOptional()
  @WorkerCount()
  workerCount?: number | null;

  @IsOptional()
  @Transform(moneyText)
  @Money()
  amountClaimed?: string | null;

  @IsOptional()
  @IsIn(HOTLINE_URGENCIES, { message: '取值无效，可选：normal、urgent' })
  urgency?: HotlineUrgency | null;

  @IsDefined({ message: '必填' })
  @IsoInstant()
  dispatchedAt!: string;

  @IsOptional()
  @IsoInstant()
  replyDeadline?: string | null;

  /** 承办单位编码: the unit the platform dispatched the order to. */
  @IsOptional()
  @Text(HOTLINE_ORDER_LIMITS.handlingUnitCode)
  handlingUnitCode?: string | null;
}

/** An order that passed validation, or why it did not. */
export type CheckedOrder =
  | { ok: true; order: HotlineOrderInput }
  | { ok: false; orderNo?: string; problems: FieldProblem[] };

/**
 * Validates one order of a batch or import on its own, with the rules of the API's global pipe
 * (unknown fields refused): one bad order gets its own problems and sinks nothing else.
 */
export async function checkHotlineOrder(plain: unknown): Promise<CheckedOrder> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '', message: '工单必须是 JSON 对象' }] };
  }
  const order = plainToInstance(HotlineOrderInput, plain);
  const errors = await validate(order, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One problem per field is enough to fix a row, and keeps a 1,000-order answer short.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return { ok: true, order };
  const orderNo = (plain as { orderNo?: unknown }).orderNo;
  return {
    ok: false,
    // Echoed only when it is a plausible order number, never a megabyte of junk.
    ...(typeof orderNo === 'string' && orderNo.length <= HOTLINE_ORDER_LIMITS.orderNo
      ? { orderNo }
      : {}),
    problems: fieldProblems(errors),
  };
}
