/**
 * The slice of zod/mini we use, as named re-exports. `import { z } from 'zod/mini'` drags every zod
 * locale into the bundle (the `z` namespace object defeats tree-shaking: ~430 KiB); importing this module
 * as `import * as z from '../core/zod'` keeps the same call style at ~15 KiB.
 */
export {
  array,
  int,
  maxLength,
  maximum,
  minLength,
  minimum,
  positive,
  regex,
  refine,
  strictObject,
  boolean,
  literal,
  looseObject,
  null,
  nullable,
  number,
  object,
  optional,
  pipe,
  record,
  string,
  transform,
  union,
  unknown,
  _default,
} from 'zod/mini';
export type { infer, input, output, ZodMiniType } from 'zod/mini';
