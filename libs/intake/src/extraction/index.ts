export { extractAmount } from './amount-extractor.js';
export { categoryFromHotlineLabel, classifyCategory } from './category-classifier.js';
export { parseChineseNumber } from './chinese-number.js';
export { extractEmployerName } from './employer-extractor.js';
export { extractFacts, type ExtractedFacts } from './fact-extractor.js';
export { type OrderText } from './order-text.js';
export { extractWorkerCount } from './worker-count-extractor.js';
