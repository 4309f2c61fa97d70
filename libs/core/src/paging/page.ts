/** A page request as the contract defines it: `?page=1&pageSize=50`, at most 200 a page. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** The contract's list shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const pageOffset = (p: PageRequest): number => (p.page - 1) * p.pageSize;
