// Every collector Truthflow runs, in one list. Adding a collector = one file + one line here.
import type { AnyCollector } from './types';

export const COLLECTORS: AnyCollector[] = [];
