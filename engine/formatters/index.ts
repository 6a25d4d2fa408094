/** The output formats of the CLI (--format), by name. */
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { Formatter, FormatterContext } from './types.js';

export const FORMATTER_NAMES = ['stylish', 'json', 'sarif'] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

export const formatters: Readonly<Record<FormatterName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
};
