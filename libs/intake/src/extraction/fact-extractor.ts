import type { DisputeCategory } from '@heqi/core';

import { extractAmount } from './amount-extractor.js';
import { classifyCategory } from './category-classifier.js';
import { extractEmployerName } from './employer-extractor.js';
import { joinOrderText, type OrderText } from './order-text.js';
import { extractWorkerCount } from './worker-count-extractor.js';

/** What the free text of a work order says that its form fields may leave out. */
export interface ExtractedFacts {
  /** As written: "扬州瑞丰五金制造有限公司", or a shop name such as "好又多超市". */
  employerName?: string;
  /** Decimal yuan with two decimals, e.g. "30000.00". */
  amountClaimed?: string;
  /** People with the claim, the caller included. */
  workerCount?: number;
  /** Always set; Other when unclear. */
  category: DisputeCategory;
}

/**
 * Reads employer, amount, number of workers and category from a 12345 order's title, free text
 * and hotline label. Pure: the same order always gives the same facts. Fields the text does not
 * state are left out rather than guessed; the caller decides whether form fields override them.
 */
export function extractFacts(order: OrderText): ExtractedFacts {
  const text = joinOrderText(order);
  const facts: ExtractedFacts = { category: classifyCategory(text, order.hotlineCategory) };
  const employerName = extractEmployerName(text);
  const amountClaimed = extractAmount(text);
  const workerCount = extractWorkerCount(text);
  if (employerName !== undefined) facts.employerName = employerName;
  if (amountClaimed !== undefined) facts.amountClaimed = amountClaimed;
  if (workerCount !== undefined) facts.workerCount = workerCount;
  return facts;
}
